using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>
/// Shifts that have not started yet and start within <see cref="Within"/> from now, soonest first, full ones included
/// (they take waitlist claims). <see cref="VolunteerOpenId"/>, when given, marks the shifts that volunteer holds.
/// </summary>
public sealed record ListOpenShiftsQuery(int Page = 1, int PageSize = 10) : IQuery<OpenShiftsPage>, IValidatable
{
    public const int MaxPageSize = 50;

    public static readonly TimeSpan DefaultWithin = TimeSpan.FromDays(30);

    public TimeSpan Within { get; init; } = DefaultWithin;

    public string? VolunteerOpenId { get; init; }

    public IEnumerable<ValidationError> Validate()
    {
        if (Page < 1)
        {
            yield return new ValidationError("page", "页码从1开始。");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            yield return new ValidationError("pageSize", $"每页1到{MaxPageSize}条。");
        }

        if (Within <= TimeSpan.Zero || Within > TimeSpan.FromDays(366))
        {
            yield return new ValidationError("within", "时间范围需在一年以内。");
        }
    }
}

public sealed record OpenShiftsPage(IReadOnlyList<OpenShift> Items, int Page, int PageSize, int TotalCount)
{
    public bool HasMore => Page * PageSize < TotalCount;
}

/// <param name="MyStatus">The asking volunteer's signup status on this shift, or null.</param>
public sealed record OpenShift(
    Guid ShiftId,
    string Title,
    string Place,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int RemainingPlaces,
    int WaitlistLength,
    SignupStatus? MyStatus)
{
    public bool IsFull => RemainingPlaces == 0;
}

public sealed class ListOpenShiftsQueryHandler(IAppDbContext db, TimeProvider time) : IQueryHandler<ListOpenShiftsQuery, OpenShiftsPage>
{
    public async ValueTask<OpenShiftsPage> Handle(ListOpenShiftsQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + query.Within;
        var open = db.VolunteerShifts.AsNoTracking().Where(s => s.StartsAt > now && s.StartsAt <= until);
        var total = await open.CountAsync(ct);
        // Loaded with their signups so the counts come from the domain's own rules (which statuses hold a place).
        var shifts = await open
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(ct);
        var items = shifts.Select(s => new OpenShift(
            s.Id, s.Title, s.Place, s.StartsAt, s.EndsAt, s.Capacity, s.RemainingPlaces,
            s.Signups.Count(x => x.Status == SignupStatus.Waitlisted),
            query.VolunteerOpenId is { } me ? s.SignupOf(me)?.Status : null)).ToList();
        return new OpenShiftsPage(items, query.Page, query.PageSize, total);
    }
}
