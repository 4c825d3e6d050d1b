using WechatLogistics.Domain.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>
/// The ticket row plus its photos as a JSON column, so listing tickets never joins anything. The timeline is a child
/// table (<see cref="TicketTimelineEntryConfiguration"/>), loaded only with an explicit Include.
/// </summary>
internal sealed class RepairTicketConfiguration : IEntityTypeConfiguration<RepairTicket>
{
    public const string InProgressIndex = "IX_RepairTickets_ReporterOpenId_OpenedAt_InProgress";

    public const string KpiIndex = "IX_RepairTickets_Kpi";

    public const string KpiClosedIndex = "IX_RepairTickets_KpiClosed";

    private const string PlaceKeyPendingIndex = "IX_RepairTickets_PlaceKeyPending";

    /// <summary>Not Confirmed, Cancelled or Rejected (<see cref="RepairTicketLifecycle.IsTerminal"/>), as EF writes it.</summary>
    public const string InProgressFilter = "\"Status\" NOT IN ('Confirmed', 'Cancelled', 'Rejected')";

    public void Configure(EntityTypeBuilder<RepairTicket> builder)
    {
        builder.ToTable("RepairTickets");
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Id).ValueGeneratedNever();

        // Stored as the text students quote ("R20250903-0042"): canonical, so unique text = unique (date, sequence).
        builder.Property(t => t.Number)
            .HasConversion(number => number.ToString(), text => RepairTicketNumber.Parse(text))
            .HasMaxLength(ColumnLengths.TicketNumber);
        builder.HasIndex(t => t.Number).IsUnique();

        builder.Property(t => t.ReporterOpenId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(t => t.AssigneeId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(t => t.LocationText).HasMaxLength(RepairTicket.MaxLocationTextLength);
        // Normalising can double the text at most (a numeral "十" read digit by digit becomes "10").
        builder.Property(t => t.PlaceKey).HasMaxLength(RepairTicket.MaxLocationTextLength * 2);
        builder.Property(t => t.Description).HasMaxLength(RepairTicket.MaxDescriptionLength);
        builder.Property(t => t.RatingComment).HasMaxLength(RepairTicket.MaxNoteLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        // A retried request (WeChat redelivery, a double tap on 确认) finds its ticket instead of opening another.
        // NULLs are distinct on both engines, so tickets opened without a key never collide.
        builder.Property(t => t.IdempotencyKey).HasMaxLength(RepairTicket.MaxIdempotencyKeyLength);
        builder.HasIndex(t => new { t.ReporterOpenId, t.IdempotencyKey }).IsUnique();

        // At most 9 small value objects, never queried on their own: one JSON column (jsonb on PostgreSQL).
        // (Owned rather than a complex collection: EF's complex collections need an IList property.)
        builder.OwnsMany(t => t.Photos, photos => photos.ToJson("Photos"));

        builder.HasMany(t => t.Timeline).WithOne().HasForeignKey("TicketId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepairCategory>().WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(t => t.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RepairTicket>().WithMany().HasForeignKey(t => t.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);

        // A student's tickets, newest first (the chat's "我的报修" with closed ones included)…
        builder.HasIndex(t => new { t.ReporterOpenId, t.OpenedAt });
        // …and only those still in progress (its default), through a partial index of the open tickets: a student's
        // closed history is never read, so the page costs the same with 200 old tickets as with none. The filter is
        // the very text of ListMyRepairTicketsQuery's WHERE term, which SQLite needs to use it (a test checks the plan).
        builder.HasIndex(t => new { t.ReporterOpenId, t.OpenedAt }, InProgressIndex).HasFilter(InProgressFilter);
        // SLA scans: open tickets by how soon they are due.
        builder.HasIndex(t => new { t.Status, t.ResponseDueAt });
        builder.HasIndex(t => new { t.Status, t.ResolveDueAt });
        // Early warning and KPIs: reports per category / building over a period.
        builder.HasIndex(t => new { t.CategoryId, t.OpenedAt });
        builder.HasIndex(t => new { t.LocationId, t.OpenedAt });
        // A worker's queue, and their load for least-load dispatch.
        builder.HasIndex(t => new { t.AssigneeId, t.Status });
        // KPIs (KpiReader): a period's reports with every column the figures and group keys read, so the semester scan
        // reads this index only (index-only on PostgreSQL, covering on SQLite) instead of the wide rows; and the
        // period's closings with their group keys.
        builder.HasIndex(
            t => new { t.OpenedAt, t.Status, t.CategoryId, t.LocationId, t.AssigneeId, t.FirstResponseAt, t.ResponseDueAt, t.ResolvedAt, t.ResolveDueAt, t.Round, t.Rating },
            KpiIndex);
        builder.HasIndex(t => new { t.ClosedAt, t.CategoryId, t.LocationId, t.AssigneeId }, KpiClosedIndex);
        // The staff queue: by team and status, newest first; all statuses (admins) by date.
        builder.HasIndex(t => new { t.TeamId, t.Status, t.OpenedAt });
        builder.HasIndex(t => new { t.Status, t.OpenedAt });
        // The reports linked to a ticket (its duplicates).
        builder.HasIndex(t => t.DuplicateOfId);
        // A new report's repeat check: the reports of its category in its room, oldest first, however many its building has.
        builder.HasIndex(t => new { t.CategoryId, t.LocationId, t.PlaceKey, t.OpenedAt });
        // The rows the start-up backfill still has to key (RepairTicketPlaceKeyBackfill); empty once it has run.
        builder.HasIndex(t => t.Id, PlaceKeyPendingIndex).HasFilter("\"PlaceKey\" IS NULL");
        // An asset's history and its recurring-fault count read its tickets by time.
        builder.HasOne<Asset>().WithMany().HasForeignKey(t => t.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.AssetId, t.OpenedAt });
    }
}
