using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Locations;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.ToTable("Locations");
        builder.Ignore(l => l.DomainEvents);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Name).HasMaxLength(Location.MaxNameLength);
        builder.Property(l => l.Code).HasMaxLength(Location.MaxCodeLength);
        builder.HasIndex(l => l.Code).IsUnique();
        // Deactivated, never deleted: tickets and children point at it.
        builder.HasOne<Location>().WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
