using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Students;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class StudentIdentityConfiguration : IEntityTypeConfiguration<StudentIdentity>
{
    public void Configure(EntityTypeBuilder<StudentIdentity> builder)
    {
        builder.ToTable("StudentIdentities");
        builder.HasKey(s => s.OpenId);
        builder.Property(s => s.OpenId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(s => s.UnionId).HasMaxLength(StudentIdentity.MaxUnionIdLength);
        // "The OpenIds of one person": every OpenId sharing a UnionId.
        builder.HasIndex(s => s.UnionId);
    }
}

internal sealed class AnnouncementReadConfiguration : IEntityTypeConfiguration<AnnouncementRead>
{
    public void Configure(EntityTypeBuilder<AnnouncementRead> builder)
    {
        builder.ToTable("AnnouncementReads");
        builder.HasKey(r => new { r.OpenId, r.AnnouncementId });
        builder.Property(r => r.OpenId).HasMaxLength(ColumnLengths.UserId);
        builder.HasOne<Announcement>().WithMany().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}
