using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Bot.Outbox;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Recipient).HasMaxLength(OutboxMessage.MaxRecipientLength);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.MaxIdempotencyKeyLength);
        builder.Property(m => m.LockOwner).HasMaxLength(OutboxMessage.MaxOwnerLength);
        builder.Property(m => m.Reason).HasMaxLength(OutboxMessage.MaxReasonLength);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        // The dispatcher's claim: pending rows by due time.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // Announcement delivery reports.
        builder.HasIndex(m => new { m.CorrelationId, m.Status });
    }
}
