using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using static WechatLogistics.Domain.Tests.Volunteering.Shifts;

namespace WechatLogistics.Domain.Tests.Volunteering;

public sealed class ShiftSignupLifecycleTests
{
    private const string Volunteer = "o-vol-a";
    private const string Other = "o-vol-b";

    // The specification, written out independently of ShiftSignupLifecycle.
    private static readonly Dictionary<(SignupStatus, SignupAction), SignupStatus> Expected = new()
    {
        [(SignupStatus.Cancelled, SignupAction.Claim)] = SignupStatus.Confirmed,
        [(SignupStatus.Confirmed, SignupAction.Cancel)] = SignupStatus.Cancelled,
        [(SignupStatus.Confirmed, SignupAction.CheckIn)] = SignupStatus.CheckedIn,
        [(SignupStatus.Confirmed, SignupAction.MarkNoShow)] = SignupStatus.NoShow,
        [(SignupStatus.Waitlisted, SignupAction.Cancel)] = SignupStatus.Cancelled,
        [(SignupStatus.CheckedIn, SignupAction.Complete)] = SignupStatus.Completed,
    };

    public static TheoryData<SignupStatus, SignupAction> EveryPair()
    {
        var data = new TheoryData<SignupStatus, SignupAction>();
        foreach (var status in Enum.GetValues<SignupStatus>())
        {
            foreach (var action in Enum.GetValues<SignupAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Act_EveryStatusAndAction_MovesOrRefusesExactlyAsSpecified(SignupStatus status, SignupAction action)
    {
        var shift = ShiftWith(status);
        var version = shift.Version;

        Assert.Equal(Expected.ContainsKey((status, action)), ShiftSignupLifecycle.Allowed(status, action));
        if (Expected.TryGetValue((status, action), out var target))
        {
            Act(shift, action);

            Assert.Equal(target, shift.SignupOf(Volunteer)!.Status);
            Assert.Equal(version + 1, shift.Version);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Act(shift, action));

            // Claiming again while holding a signup is the one refusal with its own, friendlier code.
            Assert.Equal(action == SignupAction.Claim ? "shift.already_signed_up" : "shift.invalid_transition", error.Code);
            Assert.Equal(status, shift.SignupOf(Volunteer)!.Status);
            Assert.Equal(version, shift.Version);
            Assert.Empty(shift.DomainEvents);
        }
    }

    /// <summary>A one-place shift where <see cref="Volunteer"/>'s signup is in <paramref name="status"/>.</summary>
    private static VolunteerShift ShiftWith(SignupStatus status)
    {
        var shift = New(capacity: 1);
        if (status == SignupStatus.Waitlisted)
        {
            shift.Claim(Other);
        }

        shift.Claim(Volunteer);
        switch (status)
        {
            case SignupStatus.Cancelled: shift.Cancel(Volunteer, Before); break;
            case SignupStatus.CheckedIn: shift.CheckIn(Volunteer, Start); break;
            case SignupStatus.Completed: shift.CheckIn(Volunteer, Start); shift.Complete(Volunteer, End); break;
            case SignupStatus.NoShow: shift.MarkNoShow(Volunteer, End); break;
        }

        Assert.Equal(status, shift.SignupOf(Volunteer)!.Status);
        shift.ClearDomainEvents();
        return shift;
    }

    // Each action at a time its own time rule accepts, so only the state decides.
    private static void Act(VolunteerShift shift, SignupAction action)
    {
        switch (action)
        {
            case SignupAction.Claim: shift.Claim(Volunteer, Before); break;
            case SignupAction.Cancel: shift.Cancel(Volunteer, Before); break;
            case SignupAction.CheckIn: shift.CheckIn(Volunteer, Start); break;
            case SignupAction.Complete: shift.Complete(Volunteer, End); break;
            case SignupAction.MarkNoShow: shift.MarkNoShow(Volunteer, End); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
