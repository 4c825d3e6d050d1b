using System.Globalization;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.KpiBench;

/// <summary>One generated ticket: a semester's worth, spread evenly over its days, with realistic outcomes.</summary>
internal sealed record SemesterTicket(
    Guid Id, string Number, string Reporter, Guid CategoryId, Guid LocationId, string Priority, string Status, int Round, string? Assignee,
    DateTimeOffset OpenedAt, DateTimeOffset ResponseDueAt, DateTimeOffset ResolveDueAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? StartedAt,
    DateTimeOffset? ResolvedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? ClosedAt, int? Rating, string IdempotencyKey, Guid? TeamId);

/// <summary>
/// A semester (18 weeks, or <c>days</c>: 365 for the score cards' year) of <c>count</c> tickets, deterministic (seeded
/// random): ~3 % cancelled, 1 % rejected, 5 % reworked, the last two days still open, first responses from minutes to ~10 h,
/// repairs from 1 h to 2 days, 60 % rated. Each ticket is in the team its category routes to (<c>teams</c>, aligned with
/// <c>categories</c>).
/// </summary>
internal static class SemesterTickets
{
    public const int Days = 126;

    public static readonly DateTimeOffset Start = new(2026, 2, 22, 16, 0, 0, TimeSpan.Zero); // 2026-02-23 00:00 campus

    public static IEnumerable<SemesterTicket> Generate(
        int count, IReadOnlyList<Guid> categories, IReadOnlyList<Guid?> teams, IReadOnlyList<Guid> places, int days = Days)
    {
        var random = new Random(42);
        var perDay = (count + days - 1) / days;
        var end = Start.AddDays(days);
        for (var i = 0; i < count; i++)
        {
            var day = i / perDay;
            var opened = Start.AddDays(day).AddSeconds((i % perDay) * (86_400.0 / perDay));
            var priority = (i % 10) switch { 0 => "Urgent", 9 => "Low", _ => "Normal" };
            var (response, resolution) = priority switch { "Urgent" => (2, 8), "Low" => (24, 72), _ => (8, 24) };
            var roll = random.Next(100);
            var open = opened > end.AddDays(-2);
            var status = open ? (roll < 50 ? "Submitted" : "Accepted") : roll switch { < 3 => "Cancelled", < 4 => "Rejected", < 6 => "Resolved", _ => "Confirmed" };
            var worked = status is "Accepted" or "Resolved" or "Confirmed";
            var firstResponse = worked ? opened.AddMinutes(5 + (random.NextDouble() * random.NextDouble() * response * 80)) : (DateTimeOffset?)null;
            var resolved = status is "Resolved" or "Confirmed" ? firstResponse!.Value.AddMinutes(60 + (random.NextDouble() * random.NextDouble() * resolution * 90)) : (DateTimeOffset?)null;
            var confirmed = status == "Confirmed" ? resolved!.Value.AddHours(1 + random.Next(24)) : (DateTimeOffset?)null;
            var closed = status switch { "Confirmed" => confirmed, "Cancelled" or "Rejected" => opened.AddMinutes(30 + random.Next(600)), _ => null };
            int? rating = status == "Confirmed" && random.Next(10) < 6 ? Math.Clamp(5 - (int)(random.NextDouble() * random.NextDouble() * 5), 1, 5) : null;
            yield return new SemesterTicket(
                Guid.CreateVersion7(opened),
                "R" + CampusTime.DateOf(opened).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + ((i % perDay) + 1).ToString("D4", CultureInfo.InvariantCulture),
                "o-bench-" + (i * 7919 % 20_000).ToString("D5", CultureInfo.InvariantCulture),
                categories[i % categories.Count],
                places[(i / 3) % places.Count],
                priority,
                status,
                status == "Confirmed" && roll < 11 ? 2 : 1,
                worked || status == "Rejected" ? "worker-" + (i % 40).ToString("D2", CultureInfo.InvariantCulture) : null,
                opened,
                opened.AddHours(response),
                opened.AddHours(resolution),
                firstResponse,
                firstResponse?.AddMinutes(20),
                resolved,
                confirmed,
                closed,
                rating,
                i.ToString("x16", CultureInfo.InvariantCulture),
                teams[i % categories.Count]);
        }
    }
}
