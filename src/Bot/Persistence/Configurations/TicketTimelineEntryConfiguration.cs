using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>
/// Part of the RepairTicket aggregate, but its own table: an action appends one row without reading the history,
/// and ticket lists never load it. <c>TicketId</c> is a shadow foreign key (the domain entry does not know it).
/// </summary>
internal sealed class TicketTimelineEntryConfiguration : IEntityTypeConfiguration<TicketTimelineEntry>
{
    public void Configure(EntityTypeBuilder<TicketTimelineEntry> builder)
    {
        builder.ToTable("TicketTimelineEntries");
        // Never generated: a new entry found in a tracked ticket's timeline must be an INSERT, not an UPDATE.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(e => e.AssigneeId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(e => e.Note).HasMaxLength(RepairTicket.MaxNoteLength);
        builder.HasIndex("TicketId", nameof(TicketTimelineEntry.At));
    }
}
