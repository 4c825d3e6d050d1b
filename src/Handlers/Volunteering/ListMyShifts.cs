using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>
/// A volunteer's signups and hours (志愿时长): shifts not yet over first (soonest first), then past ones (latest
/// first). Cancelled signups are left out unless <see cref="IncludeCancelled"/>.
/// </summary>
public sealed record ListMyShiftsQuery(string VolunteerOpenId) : IQuery<MyShifts>, IValidatable
{
    public bool IncludeCancelled { get; init; }

    public IEnumerable<ValidationError> Validate()
    {
        if (string.IsNullOrWhiteSpace(VolunteerOpenId) || VolunteerOpenId.Length > ShiftValidation.MaxUserIdLength)
        {
            yield return new ValidationError("volunteerOpenId", "缺少有效的用户标识。");
        }
    }
}

/// <param name="TotalHours">The volunteer's hours ledger total (completed shifts and manual entries).</param>
public sealed record MyShifts(IReadOnlyList<MyShift> Items, decimal TotalHours);

/// <param name="WaitlistPosition">1 = next to be promoted; null unless waitlisted.</param>
/// <param name="Actions">What the volunteer can do now (cancel, check in, check out).</param>
public sealed record MyShift(
    Guid ShiftId,
    string Title,
    string Place,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    SignupStatus Status,
    int? WaitlistPosition,
    decimal? Hours,
    IReadOnlyList<SignupAction> Actions);

public sealed class ListMyShiftsQueryHandler(IAppDbContext db, TimeProvider time) : IQueryHandler<ListMyShiftsQuery, MyShifts>
{
    public async ValueTask<MyShifts> Handle(ListMyShiftsQuery query, CancellationToken ct)
    {
        var me = query.VolunteerOpenId;
        var now = time.GetUtcNow();
        // Whole shifts, because the waitlist position depends on the other signups (served by the volunteer index).
        var shifts = await db.VolunteerShifts.AsNoTracking()
            .Where(s => s.Signups.Any(x => x.VolunteerOpenId == me))
            .ToListAsync(ct);

        var items = shifts
            .Select(s => (Shift: s, Signup: s.SignupOf(me)!))
            .Where(x => query.IncludeCancelled || x.Signup.Status != SignupStatus.Cancelled)
            .OrderBy(x => x.Shift.EndsAt <= now)
            .ThenBy(x => x.Shift.EndsAt <= now ? -x.Shift.StartsAt.UtcTicks : x.Shift.StartsAt.UtcTicks)
            .Select(x => new MyShift(
                x.Shift.Id, x.Shift.Title, x.Shift.Place, x.Shift.StartsAt, x.Shift.EndsAt, x.Signup.Status,
                x.Shift.WaitlistPositionOf(me), x.Signup.Hours,
                [.. x.Shift.ActionsFor(me, now).Where(a => a != SignupAction.Claim)]))
            .ToList();
        // The ledger's total: completed shifts and coordinators' entries alike (志愿时长 is one number everywhere).
        var total = (await VolunteerHoursLedger.EntriesAsync(db, [me], ct)).Sum(e => e.Hours);
        return new MyShifts(items, total);
    }
}
