using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Locations;

namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// Routing to a team and linking repeated reports: dispatch facts that are not status changes, decided for a new
/// report before its first save (so they do not move <see cref="Version"/>). Later team changes come with an assignment.
/// </summary>
public sealed partial class RepairTicket
{
    /// <summary>Puts the ticket in a team's queue (待派) without choosing a worker yet.</summary>
    public void RouteTo(Guid teamId)
    {
        if (teamId == Guid.Empty)
        {
            throw new ArgumentException("A team is needed.", nameof(teamId));
        }

        if (RepairTicketLifecycle.IsTerminal(Status))
        {
            throw new DomainException("ticket.invalid_transition", $"该报修单当前状态为“{Status.Name()}”，不能再分派班组。");
        }

        TeamId = teamId;
    }

    /// <summary>
    /// Same fault: same category and same place — the same location, the same asset (or none) and the same room text
    /// (normalised: "302室" and "302 室" match). A building id alone does not identify a room, so two rooms of one dorm are different places.
    /// </summary>
    public bool IsSameFaultAs(RepairTicket other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Id != Id && other.CategoryId == CategoryId && other.LocationId == LocationId && other.AssetId == AssetId
            && string.Equals(other.ComparablePlace, ComparablePlace, StringComparison.Ordinal);
    }

    /// <summary>Links this new report to the open ticket it repeats; it joins that ticket's team.</summary>
    public void MarkDuplicateOf(RepairTicket original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (!IsSameFaultAs(original) || !RepairTicketLifecycle.IsBeingHandled(original.Status) || original.DuplicateOfId == Id)
        {
            throw new DomainException("ticket.not_duplicate", "这两张报修单不是同一个问题。");
        }

        DuplicateOfId = original.DuplicateOfId ?? original.Id;
        TeamId = original.TeamId ?? TeamId;
    }

    // A row not keyed yet (saved before the column, until the start-up backfill) is compared by its text all the same.
    private string ComparablePlace => PlaceKey ?? PlaceKeyOf(LocationText);

    /// <summary>
    /// The room text as compared for repeated reports: normalised (full-width forms, Chinese numerals, case) without
    /// spaces, "" when there is none. Changing it changes what the stored <see cref="PlaceKey"/>s mean: a change needs a
    /// migration that clears them, so that the start-up backfill computes them again.
    /// </summary>
    public static string PlaceKeyOf(string? locationText) =>
        Text.Clean(locationText) is { } cleaned ? CampusText.Normalize(cleaned).Replace(" ", "", StringComparison.Ordinal) : "";
}
