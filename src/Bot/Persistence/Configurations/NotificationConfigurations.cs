using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.Notifications;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.ToTable("Announcements");
        builder.Ignore(a => a.DomainEvents);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(Announcement.MaxTitleLength);
        builder.Property(a => a.Body).HasMaxLength(Announcement.MaxBodyLength);
        builder.Property(a => a.PublishedBy).HasMaxLength(Announcement.MaxAuthorLength);
        builder.HasOne<Location>().WithMany().HasForeignKey(a => a.BuildingId).OnDelete(DeleteBehavior.Restrict);
        // The chat's "latest announcements".
        builder.HasIndex(a => a.DeliverFrom);
    }
}

internal sealed class FollowerConfiguration : IEntityTypeConfiguration<Follower>
{
    public void Configure(EntityTypeBuilder<Follower> builder)
    {
        builder.ToTable("Followers");
        builder.HasKey(f => f.OpenId);
        builder.Property(f => f.OpenId).HasMaxLength(ColumnLengths.UserId);
    }
}

internal sealed class DormBindingConfiguration : IEntityTypeConfiguration<DormBinding>
{
    public void Configure(EntityTypeBuilder<DormBinding> builder)
    {
        builder.ToTable("DormBindings");
        builder.HasKey(d => d.OpenId);
        builder.Property(d => d.OpenId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(d => d.Room).HasMaxLength(DormBinding.MaxRoomLength);
        builder.HasOne<Location>().WithMany().HasForeignKey(d => d.BuildingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.BuildingId);
    }
}

internal sealed class SubscribeConsentConfiguration : IEntityTypeConfiguration<SubscribeConsent>
{
    public void Configure(EntityTypeBuilder<SubscribeConsent> builder)
    {
        builder.ToTable("SubscribeConsents");
        builder.HasKey(c => new { c.OpenId, c.TemplateId });
        builder.Property(c => c.OpenId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(c => c.TemplateId).HasMaxLength(SubscribeConsent.MaxTemplateIdLength);
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("InboxMessages");
        // The id is the outbox row's: delivering the same row twice cannot add a second entry.
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.OpenId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(m => m.Title).HasMaxLength(InboxMessage.MaxTitleLength);
        builder.Property(m => m.Body).HasMaxLength(InboxMessage.MaxBodyLength);
        // The mini-program's inbox, newest first.
        builder.HasIndex(m => new { m.OpenId, m.CreatedAt });
    }
}
