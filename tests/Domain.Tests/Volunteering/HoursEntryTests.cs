using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Domain.Tests.Volunteering;

public sealed class HoursEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("o-v", 2.0, "迎新", "coord", false, 0.0, null)]
    [InlineData("o-v", -1.5, "多记了", "coord", false, 1.5, null)] // a correction down to exactly zero
    [InlineData("o-v", -1.75, "多记了", "coord", false, 1.5, "hours.below_zero")]
    [InlineData("o-v", 2.0, "自己", "coord", true, 0.0, "hours.forbidden")] // the coordinator's own WeChat identity
    [InlineData("same", 2.0, "自己", "same", false, 0.0, "hours.forbidden")]
    [InlineData("o-v", 2.0, null, "coord", false, 0.0, "hours.reason_required")]
    [InlineData("o-v", 2.0, "   ", "coord", false, 0.0, "hours.reason_required")]
    [InlineData("o-v", 0.0, "零", "coord", false, 0.0, "hours.invalid")]
    [InlineData("o-v", 0.3, "零头", "coord", false, 0.0, "hours.invalid")]
    [InlineData("o-v", 24.25, "太多", "coord", false, 0.0, "hours.invalid")]
    public void Manual_AppliesTheLedgerRules(string volunteer, double hours, string? reason, string coordinator, bool isVolunteer, double termTotal, string? error)
    {
        HoursEntry Enter() => HoursEntry.Manual(volunteer, (decimal)hours, reason, coordinator, isVolunteer, (decimal)termTotal, Now, Now);

        if (error is null)
        {
            var entry = Enter();
            Assert.Equal(((decimal)hours, coordinator, true), (entry.Hours, entry.RecordedBy, entry.IsManual));
        }
        else
        {
            Assert.Equal(error, Assert.Throws<DomainException>(Enter).Code);
        }
    }

    [Fact]
    public void ForCompletion_CreditsTheSignupOnce_ByTheVolunteer()
    {
        var completed = new ShiftSignupCompleted(Guid.NewGuid(), Guid.NewGuid(), "o-v", 1.5m, Now);

        var entry = HoursEntry.ForCompletion(completed);

        Assert.Equal((completed.SignupId, completed.ShiftId, 1.5m, "o-v", false, (string?)null), (entry.SignupId, entry.ShiftId, entry.Hours, entry.RecordedBy, entry.IsManual, entry.Reason));
    }

    [Theory]
    [InlineData("2026-08-01", "2026-2027-1", "2026-2027学年第一学期")]
    [InlineData("2026-12-31", "2026-2027-1", "2026-2027学年第一学期")]
    [InlineData("2027-01-31", "2026-2027-1", "2026-2027学年第一学期")]
    [InlineData("2027-02-01", "2026-2027-2", "2026-2027学年第二学期")]
    [InlineData("2027-07-31", "2026-2027-2", "2026-2027学年第二学期")]
    public void Term_OfACampusDate(string date, string code, string name)
    {
        var term = VolunteerTerm.Of(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((code, name), (term.Code, term.Name));
        Assert.True(VolunteerTerm.TryParse(code, out var parsed));
        Assert.Equal(term, parsed);
    }

    [Theory]
    [InlineData("2026-2028-1")]
    [InlineData("2026-2027-3")]
    [InlineData("秋季")]
    [InlineData(null)]
    public void Term_RejectsMalformedCodes(string? code) => Assert.False(VolunteerTerm.TryParse(code, out _));
}
