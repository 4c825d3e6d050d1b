using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>Names must match the raw upsert in <see cref="AppDbContext.NextTicketSequenceAsync"/>.</summary>
internal sealed class TicketNumberSequenceConfiguration : IEntityTypeConfiguration<TicketNumberSequence>
{
    public void Configure(EntityTypeBuilder<TicketNumberSequence> builder)
    {
        builder.ToTable("TicketNumberSequences");
        builder.HasKey(s => s.Day);
        builder.Property(s => s.Day).HasColumnName("Day").ValueGeneratedNever();
        builder.Property(s => s.LastValue).HasColumnName("LastValue");
    }
}
