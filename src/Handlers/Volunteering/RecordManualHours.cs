using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>
/// A coordinator (dispatcher or admin) enters hours for a volunteer by hand: work outside a shift, or a correction
/// (negative hours). Needs a reason; never for oneself; never below zero for the term (see <see cref="HoursEntry.Manual"/>).
/// </summary>
/// <param name="EarnedOn">The campus day the hours were earned (decides the term); today when omitted.</param>
public sealed record RecordManualHoursCommand(string ActorUserId, string VolunteerOpenId, decimal Hours, string? Reason, DateOnly? EarnedOn = null)
    : ICommand<ManualHoursResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId("ActorUserId", ActorUserId),
        .. InputRules.UserId(nameof(VolunteerOpenId), VolunteerOpenId),
        .. InputRules.Optional(nameof(Reason), Reason, HoursEntry.MaxReasonLength, "原因"),
    ];
}

/// <param name="TermTotal">The volunteer's hours in the entry's term, this entry included.</param>
public sealed record ManualHoursResult(Guid EntryId, string VolunteerOpenId, string Term, decimal Hours, decimal TermTotal);

public sealed class RecordManualHoursCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<RecordManualHoursCommand, ManualHoursResult>
{
    public async ValueTask<ManualHoursResult> Handle(RecordManualHoursCommand command, CancellationToken ct)
    {
        var coordinator = await StaffAccess.ActorAsync(db, command.ActorUserId, ct);
        if (!coordinator.IsDispatcher)
        {
            throw new DomainException("staff.forbidden", "只有调度员或管理员可以登记志愿时长。");
        }

        var volunteer = await StudentOpenIds.OfAsync(db, command.VolunteerOpenId.Trim(), ct);
        var own = coordinator.WeChatOpenId is { } mine ? await StudentOpenIds.OfAsync(db, mine, ct) : [];
        var now = time.GetUtcNow();
        var earnedAt = command.EarnedOn is { } day ? Kpis.GetKpisQueryHandler.Start(day) : now;

        // One writer per volunteer at a time: two corrections at once could otherwise both pass the below-zero check.
        await using var exclusive = await db.LockAsync("hours:" + volunteer[0], ct);
        var entries = await VolunteerHoursLedger.EntriesAsync(db, volunteer, ct);
        var term = VolunteerTerm.Of(CampusTime.DateOf(earnedAt));
        var termTotal = VolunteerHoursLedger.TermTotal(entries, term);
        var entry = HoursEntry.Manual(volunteer[0], command.Hours, command.Reason, coordinator.UserId, volunteer.Intersect(own).Any(), termTotal, earnedAt, now);
        db.HoursEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return new ManualHoursResult(entry.Id, entry.VolunteerOpenId, term.Code, entry.Hours, termTotal + entry.Hours);
    }
}
