using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using static WechatLogistics.Domain.Tests.Volunteering.Shifts;

namespace WechatLogistics.Domain.Tests.Volunteering;

public sealed class VolunteerShiftTests
{
    [Fact]
    public void Claim_BeyondCapacity_WaitlistsInArrivalOrder()
    {
        var shift = New(capacity: 2);

        var statuses = new[] { "a", "b", "c", "d" }.Select(v => shift.Claim(v, Before).Status).ToList();

        Assert.Equal([SignupStatus.Confirmed, SignupStatus.Confirmed, SignupStatus.Waitlisted, SignupStatus.Waitlisted], statuses);
        Assert.Equal(0, shift.RemainingPlaces);
        Assert.Equal((null, null, 1, 2), (shift.WaitlistPositionOf("a"), shift.WaitlistPositionOf("b"), shift.WaitlistPositionOf("c"), shift.WaitlistPositionOf("d")));
        Assert.Equal(4, shift.Version);
        var claimed = Assert.IsType<ShiftClaimed>(shift.DomainEvents[^1]);
        Assert.Equal((SignupStatus.Waitlisted, 2), (claimed.Status, claimed.WaitlistPosition));
    }

    [Fact]
    public void Cancel_ByAConfirmedVolunteer_PromotesTheFirstWaitlistedAndSaysSo()
    {
        var shift = New(capacity: 2);
        foreach (var v in new[] { "a", "b", "c", "d" })
        {
            shift.Claim(v);
        }

        shift.ClearDomainEvents();
        var version = shift.Version;

        shift.Cancel("a", Before.AddHours(1));

        Assert.Equal((SignupStatus.Cancelled, SignupStatus.Confirmed, SignupStatus.Waitlisted), (shift.SignupOf("a")!.Status, shift.SignupOf("c")!.Status, shift.SignupOf("d")!.Status));
        Assert.Equal(1, shift.WaitlistPositionOf("d"));
        Assert.Equal(0, shift.RemainingPlaces);
        Assert.Equal(version + 1, shift.Version);
        var promoted = Assert.Single(shift.DomainEvents.OfType<ShiftSignupPromoted>());
        Assert.Equal(("c", Before.AddHours(1)), (promoted.VolunteerOpenId, promoted.At));
    }

    [Fact]
    public void Cancel_ByAWaitlistedVolunteer_PromotesNobody()
    {
        var shift = New(capacity: 1);
        shift.Claim("a");
        shift.Claim("b");
        shift.Claim("c");

        shift.Cancel("b", Before);

        Assert.Equal(SignupStatus.Confirmed, shift.SignupOf("a")!.Status);
        Assert.Equal(1, shift.WaitlistPositionOf("c"));
        Assert.Empty(shift.DomainEvents.OfType<ShiftSignupPromoted>());
    }

    [Fact]
    public void Claim_AgainAfterCancelling_JoinsTheEndOfTheQueue()
    {
        var shift = New(capacity: 1);
        shift.Claim("a");
        shift.Claim("b");
        shift.Cancel("a", Before);

        var again = shift.Claim("a", Before.AddHours(1));

        Assert.Equal((SignupStatus.Waitlisted, 1), (again.Status, shift.WaitlistPositionOf("a")));
        Assert.Single(shift.Signups, s => s.VolunteerOpenId == "a");
    }

    [Fact]
    public void Claim_Twice_IsRefused()
    {
        var shift = New();
        shift.Claim("a");

        Assert.Equal("shift.already_signed_up", Assert.Throws<DomainException>(() => shift.Claim("a")).Code);
        Assert.Single(shift.Signups);
    }

    [Fact]
    public void Claim_ClosesAtTheStart()
    {
        var shift = New();

        shift.Claim("a", Start.AddTicks(-1));

        Assert.Equal("shift.closed", Assert.Throws<DomainException>(() => shift.Claim("b", Start)).Code);
    }

    [Theory]
    [InlineData(7, 9, SignupStatus.Confirmed, false)] // [7,9) touches [9,11): no overlap
    [InlineData(11, 13, SignupStatus.Waitlisted, false)]
    [InlineData(8, 10, SignupStatus.Confirmed, true)]
    [InlineData(10, 12, SignupStatus.Waitlisted, true)]
    [InlineData(9, 11, SignupStatus.CheckedIn, true)]
    [InlineData(6, 14, SignupStatus.Confirmed, true)]
    [InlineData(9, 11, SignupStatus.Cancelled, false)]
    public void Claim_OverlappingAShiftTheVolunteerHolds_IsRefused(int fromHour, int toHour, SignupStatus status, bool overlaps)
    {
        var shift = New();
        DateTimeOffset At(int hour) => new(2025, 9, 6, hour, 0, 0, TimeSpan.FromHours(8));
        VolunteerCommitment[] other = [new(Guid.CreateVersion7(), At(fromHour), At(toHour), status)];

        if (overlaps)
        {
            Assert.Equal("shift.overlap", Assert.Throws<DomainException>(() => shift.Claim("a", Before, other)).Code);
            Assert.Empty(shift.Signups);
        }
        else
        {
            Assert.Equal(SignupStatus.Confirmed, shift.Claim("a", Before, other).Status);
        }
    }

    [Theory]
    [InlineData(-15 * 60, true)]
    [InlineData(-15 * 60 - 1, false)]
    [InlineData(0, true)]
    [InlineData(2 * 3600 - 1, true)]
    [InlineData(2 * 3600, false)]
    public void CheckIn_OpensFifteenMinutesBeforeTheStartAndClosesAtTheEnd(int secondsFromStart, bool allowed)
    {
        var shift = New();
        shift.Claim("a");
        var now = Start.AddSeconds(secondsFromStart);

        if (allowed)
        {
            shift.CheckIn("a", now);
            Assert.Equal((SignupStatus.CheckedIn, now), (shift.SignupOf("a")!.Status, shift.SignupOf("a")!.CheckedInAt));
        }
        else
        {
            Assert.Equal("shift.checkin_closed", Assert.Throws<DomainException>(() => shift.CheckIn("a", now)).Code);
            Assert.Equal(SignupStatus.Confirmed, shift.SignupOf("a")!.Status);
        }
    }

    [Fact]
    public void CheckIn_WithAWiderWindow_OpensEarlier()
    {
        var shift = New();
        shift.Claim("a");

        shift.CheckIn("a", Start.AddMinutes(-30), opensBefore: TimeSpan.FromMinutes(30));

        Assert.Equal(SignupStatus.CheckedIn, shift.SignupOf("a")!.Status);
    }

    [Fact]
    public void CheckIn_Waitlisted_IsNotAllowed()
    {
        var shift = New(capacity: 1);
        shift.Claim("a");
        shift.Claim("b");

        Assert.Equal("shift.invalid_transition", Assert.Throws<DomainException>(() => shift.CheckIn("b", Start)).Code);
    }

    [Theory]
    [InlineData(-10, 120, 2.0)] // early arrival counts from the start
    [InlineData(20, 120, 1.5)] // 100 minutes → 6 quarters
    [InlineData(0, 180, 2.0)] // a late check-out counts only to the end
    [InlineData(0, 50, 0.75)] // left early: 50 minutes → 3 quarters
    [InlineData(0, 10, 0.0)]
    public void Complete_CreditsTimePresentWithinTheShiftRoundedDownToAQuarterHour(int checkInMinute, int checkOutMinute, double expectedHours)
    {
        var shift = New();
        shift.Claim("a");
        shift.CheckIn("a", Start.AddMinutes(checkInMinute));

        var hours = shift.Complete("a", Start.AddMinutes(checkOutMinute));

        Assert.Equal((decimal)expectedHours, hours);
        Assert.Equal((SignupStatus.Completed, (decimal?)hours), (shift.SignupOf("a")!.Status, shift.SignupOf("a")!.Hours));
        Assert.Equal(hours, Assert.Single(shift.DomainEvents.OfType<ShiftSignupCompleted>()).Hours);
    }

    [Fact]
    public void MarkNoShow_OnlyOnceTheShiftIsOver()
    {
        var shift = New();
        shift.Claim("a");

        Assert.Equal("shift.not_ended", Assert.Throws<DomainException>(() => shift.MarkNoShow("a", End.AddTicks(-1))).Code);
        shift.MarkNoShow("a", End);

        Assert.Equal(SignupStatus.NoShow, shift.SignupOf("a")!.Status);
        Assert.Single(shift.DomainEvents.OfType<ShiftSignupMarkedNoShow>());
    }

    [Fact]
    public void Cancel_AfterTheStart_IsRefused()
    {
        var shift = New();
        shift.Claim("a");

        Assert.Equal("shift.closed", Assert.Throws<DomainException>(() => shift.Cancel("a", Start)).Code);
    }

    [Fact]
    public void Actions_BySomeoneNotSignedUp_SaySo()
    {
        var shift = New();

        Assert.Equal("shift.not_signed_up", Assert.Throws<DomainException>(() => shift.Cancel("nobody", Before)).Code);
        Assert.Equal("shift.not_signed_up", Assert.Throws<DomainException>(() => shift.CheckIn("nobody", Start)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_WithoutPlaces_IsInvalid(int capacity) =>
        Assert.Equal("shift.invalid", Assert.Throws<DomainException>(() => New(capacity)).Code);

    [Fact]
    public void Create_EndingBeforeItStarts_IsInvalid() =>
        Assert.Equal("shift.invalid", Assert.Throws<DomainException>(
            () => VolunteerShift.Create("迎新", "南门", Start, Start, 5, Before)).Code);
}
