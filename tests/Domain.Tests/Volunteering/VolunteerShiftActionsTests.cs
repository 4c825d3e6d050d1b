using WechatLogistics.Domain.Volunteering;
using static WechatLogistics.Domain.Tests.Volunteering.Shifts;

namespace WechatLogistics.Domain.Tests.Volunteering;

/// <summary><see cref="VolunteerShift.ActionsFor"/>: what a volunteer is offered, by signup status and time.</summary>
public sealed class VolunteerShiftActionsTests
{
    public enum When
    {
        DayBefore,
        CheckInOpen,
        During,
        AfterEnd,
    }

    // Shift: Saturday 9:00–11:00; check-in opens 8:45.
    [Theory]
    [InlineData(null, When.DayBefore, "Claim")]
    [InlineData(null, When.During, "")]
    [InlineData(SignupStatus.Confirmed, When.DayBefore, "Cancel")]
    [InlineData(SignupStatus.Confirmed, When.CheckInOpen, "Cancel,CheckIn")]
    [InlineData(SignupStatus.Confirmed, When.During, "CheckIn")]
    [InlineData(SignupStatus.Confirmed, When.AfterEnd, "")]
    [InlineData(SignupStatus.Waitlisted, When.DayBefore, "Cancel")]
    [InlineData(SignupStatus.Waitlisted, When.During, "")]
    [InlineData(SignupStatus.Cancelled, When.DayBefore, "Claim")]
    [InlineData(SignupStatus.Cancelled, When.During, "")]
    [InlineData(SignupStatus.CheckedIn, When.During, "Complete")]
    [InlineData(SignupStatus.CheckedIn, When.AfterEnd, "Complete")]
    [InlineData(SignupStatus.Completed, When.AfterEnd, "")]
    public void ActionsFor_StatusAndTime_OffersOnlyWhatWouldSucceed(SignupStatus? status, When when, string expected)
    {
        var shift = New(capacity: 1);
        if (status == SignupStatus.Waitlisted)
        {
            shift.Claim("other");
        }

        if (status is not null)
        {
            shift.Claim("a");
        }

        switch (status)
        {
            case SignupStatus.Cancelled: shift.Cancel("a", Before); break;
            case SignupStatus.CheckedIn: shift.CheckIn("a", Start); break;
            case SignupStatus.Completed: shift.CheckIn("a", Start); shift.Complete("a", End); break;
        }

        var now = when switch
        {
            When.DayBefore => Before,
            When.CheckInOpen => Start.AddMinutes(-10),
            When.During => Start.AddMinutes(30),
            _ => End.AddMinutes(1),
        };

        Assert.Equal(expected, string.Join(',', shift.ActionsFor("a", now)));
    }
}
