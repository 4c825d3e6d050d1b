using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Volunteering;

public sealed partial class VolunteerShift
{
    /// <summary>
    /// Takes a place, or a waitlist place when the shift is full.
    /// </summary>
    /// <param name="otherCommitments">The volunteer's signups on other shifts; intervals are half-open, so
    /// a shift ending at 10:00 and one starting at 10:00 do not overlap.</param>
    public ShiftSignup Claim(string volunteerOpenId, DateTimeOffset now, IEnumerable<VolunteerCommitment> otherCommitments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volunteerOpenId);
        ArgumentNullException.ThrowIfNull(otherCommitments);
        var signup = SignupOf(volunteerOpenId);
        if (signup is not null && !ShiftSignupLifecycle.Allowed(signup.Status, SignupAction.Claim))
        {
            throw new DomainException("shift.already_signed_up", "你已报名这个岗位。");
        }

        if (now >= StartsAt)
        {
            throw new DomainException("shift.closed", "该岗位已开始，不能再报名。");
        }

        if (otherCommitments.Any(c => c.ShiftId != Id && ShiftSignupLifecycle.BooksTime(c.Status)
                                      && c.StartsAt < EndsAt && StartsAt < c.EndsAt))
        {
            throw new DomainException("shift.overlap", "你在这个时间段已有其他岗位，不能重复报名。");
        }

        if (signup is null)
        {
            signup = new ShiftSignup(Id, volunteerOpenId, now);
            _signups.Add(signup);
        }

        Version++;
        signup.Queue(RemainingPlaces > 0 ? SignupStatus.Confirmed : SignupStatus.Waitlisted, queueNumber: Version);
        Raise(new ShiftClaimed(Id, signup.Id, volunteerOpenId, signup.Status, WaitlistPositionOf(volunteerOpenId), now));
        return signup;
    }

    /// <summary>Gives the place up before the start; a freed place goes to the first on the waitlist.</summary>
    public void Cancel(string volunteerOpenId, DateTimeOffset now)
    {
        var signup = Ensure(volunteerOpenId, SignupAction.Cancel);
        if (now >= StartsAt)
        {
            throw new DomainException("shift.closed", "该岗位已开始，不能取消报名。");
        }

        var previous = signup.Status;
        Version++;
        signup.Cancel(now);
        Raise(new ShiftSignupCancelled(Id, signup.Id, volunteerOpenId, previous, now));
        if (previous == SignupStatus.Confirmed && Waitlist().FirstOrDefault() is { } next)
        {
            next.Promote();
            Raise(new ShiftSignupPromoted(Id, next.Id, next.VolunteerOpenId, now));
        }
    }

    /// <param name="opensBefore">How long before the start check-in opens; 15 minutes by default. It closes at the end.</param>
    public void CheckIn(string volunteerOpenId, DateTimeOffset now, TimeSpan? opensBefore = null)
    {
        var signup = Ensure(volunteerOpenId, SignupAction.CheckIn);
        var opens = opensBefore ?? DefaultCheckInOpensBefore;
        if (!IsCheckInOpen(now, opens))
        {
            throw new DomainException(
                "shift.checkin_closed", $"现在不在签到时间内（开始前{(int)opens.TotalMinutes}分钟至结束）。");
        }

        Version++;
        signup.CheckIn(now);
    }

    /// <summary>
    /// Checks out and credits hours: the time actually present within the shift, from check-in (or the
    /// start, if earlier) to now (or the end, if later), rounded down to a quarter hour. A job can complete
    /// forgotten check-outs after the end; they are credited up to the end.
    /// </summary>
    public decimal Complete(string volunteerOpenId, DateTimeOffset now)
    {
        var signup = Ensure(volunteerOpenId, SignupAction.Complete);
        var from = signup.CheckedInAt!.Value > StartsAt ? signup.CheckedInAt.Value : StartsAt;
        var to = now < EndsAt ? now : EndsAt;
        var quarters = to > from ? Math.Floor((to - from).TotalMinutes / 15) : 0;
        var hours = (decimal)quarters / 4;

        Version++;
        signup.Complete(now, hours);
        Raise(new ShiftSignupCompleted(Id, signup.Id, volunteerOpenId, hours, now));
        return hours;
    }

    /// <summary>A confirmed volunteer who never checked in, once the shift is over.</summary>
    public void MarkNoShow(string volunteerOpenId, DateTimeOffset now)
    {
        var signup = Ensure(volunteerOpenId, SignupAction.MarkNoShow);
        if (now < EndsAt)
        {
            throw new DomainException("shift.not_ended", "岗位结束后才能标记缺席。");
        }

        Version++;
        signup.MarkNoShow();
        Raise(new ShiftSignupMarkedNoShow(Id, signup.Id, volunteerOpenId, now));
    }

    private ShiftSignup Ensure(string volunteerOpenId, SignupAction action)
    {
        var signup = SignupOf(volunteerOpenId)
            ?? throw new DomainException("shift.not_signed_up", "你没有报名这个岗位。");
        return ShiftSignupLifecycle.Allowed(signup.Status, action)
            ? signup
            : throw new DomainException("shift.invalid_transition", $"你的报名当前为“{signup.Status.Name()}”，不能{action.Name()}。");
    }
}
