using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.ToTable("Assets");
        builder.Ignore(a => a.DomainEvents);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Code).HasMaxLength(AssetCode.MaxLength);
        // Codes are stored upper-case, so a plain unique index is case-insensitive for lookups by normalised code.
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Kind).HasMaxLength(Asset.MaxKindLength);
        builder.Property(a => a.ResponsibleUserId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(a => a.Value).HasPrecision(12, 2);
        // The printable sheet lists a room's assets.
        builder.HasIndex(a => new { a.LocationId, a.Code });
        builder.HasOne<Location>().WithMany().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.ResponsibleTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.ResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
