using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Tests.Persistence;

/// <summary>Cancel, check-in, check-out and the shift queries through Mediator on the real host (SQLite).</summary>
public sealed class ShiftSignupCommandsTests
{
    [Fact]
    public async Task Cancel_AConfirmedPlaceOnAFullShift_PromotesTheFirstWaitlistedAndSaysWho()
    {
        await using var host = new BotFactory();
        var shift = await host.Services.AddShiftAsync(HostData.HoursFromNow(24), TimeSpan.FromHours(2), capacity: 1);
        foreach (var volunteer in new[] { "o-a", "o-b", "o-c" })
        {
            await host.Services.SendAsync(new ClaimShiftCommand(volunteer, shift.Id));
        }

        var result = await host.Services.SendAsync(new CancelShiftSignupCommand("o-a", shift.Id));

        Assert.Equal((SignupStatus.Confirmed, "o-b"), (result.PreviousStatus, result.PromotedVolunteerOpenId));
        var stored = await host.Services.ShiftAsync(shift.Id);
        Assert.Equal(
            (SignupStatus.Cancelled, SignupStatus.Confirmed, SignupStatus.Waitlisted),
            (stored.SignupOf("o-a")!.Status, stored.SignupOf("o-b")!.Status, stored.SignupOf("o-c")!.Status));
        Assert.Equal(1, stored.WaitlistPositionOf("o-c"));
    }

    [Fact]
    public async Task Cancel_AWaitlistPlace_PromotesNobody()
    {
        await using var host = new BotFactory();
        var shift = await host.Services.AddShiftAsync(HostData.HoursFromNow(24), TimeSpan.FromHours(2), capacity: 1);
        await host.Services.SendAsync(new ClaimShiftCommand("o-a", shift.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-b", shift.Id));

        var result = await host.Services.SendAsync(new CancelShiftSignupCommand("o-b", shift.Id));

        Assert.Equal((SignupStatus.Waitlisted, null), (result.PreviousStatus, result.PromotedVolunteerOpenId));
    }

    public static TheoryData<string> Actions => ["cancel", "check-in", "check-out"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task ActingOnAShiftWithoutOwnSignup_IsNotFound_AndChangesNothing(string action)
    {
        await using var host = new BotFactory();
        var shift = await host.Services.AddShiftAsync(HostData.HoursFromNow(24), TimeSpan.FromHours(2), capacity: 2);
        await host.Services.SendAsync(new ClaimShiftCommand("o-owner", shift.Id));

        var error = await Assert.ThrowsAsync<DomainException>(() => action switch
        {
            "cancel" => host.Services.SendAsync(new CancelShiftSignupCommand("o-stranger", shift.Id)),
            "check-in" => (Task)host.Services.SendAsync(new CheckInShiftCommand("o-stranger", shift.Id)),
            _ => host.Services.SendAsync(new CompleteShiftCommand("o-stranger", shift.Id)),
        });

        Assert.Equal("shift.not_found", error.Code);
        var stored = await host.Services.ShiftAsync(shift.Id);
        Assert.Equal((1, SignupStatus.Confirmed), (stored.Version, stored.SignupOf("o-owner")!.Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CheckInThenOut_CreditsTheTimePresent_AndTotalsAllShifts(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var root = new BotFactory(settings: database.Settings);
        await using var host = root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var start = HostData.HoursFromNow(3);
        var first = await host.Services.AddShiftAsync(start, TimeSpan.FromHours(2), capacity: 2);
        var second = await host.Services.AddShiftAsync(start.AddHours(4), TimeSpan.FromHours(1), capacity: 2);
        await host.Services.SendAsync(new ClaimShiftCommand("o-vol", first.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-vol", second.Id));

        clock.SetUtcNow(start.AddMinutes(-20));
        var tooEarly = await Assert.ThrowsAsync<DomainException>(() => host.Services.SendAsync(new CheckInShiftCommand("o-vol", first.Id)));
        clock.SetUtcNow(start.AddMinutes(10));
        var checkedIn = await host.Services.SendAsync(new CheckInShiftCommand("o-vol", first.Id));
        clock.SetUtcNow(start.AddMinutes(100));
        var out1 = await host.Services.SendAsync(new CompleteShiftCommand("o-vol", first.Id));
        clock.SetUtcNow(start.AddHours(4));
        await host.Services.SendAsync(new CheckInShiftCommand("o-vol", second.Id));
        clock.SetUtcNow(start.AddHours(6));
        var out2 = await host.Services.SendAsync(new CompleteShiftCommand("o-vol", second.Id));

        Assert.Equal("shift.checkin_closed", tooEarly.Code);
        Assert.Equal(start.AddMinutes(10), checkedIn.CheckedInAt);
        Assert.Equal((1.5m, 1.5m), (out1.Hours, out1.TotalHours));
        Assert.Equal((1m, 2.5m), (out2.Hours, out2.TotalHours));
        var mine = await host.Services.QueryAsync(new ListMyShiftsQuery("o-vol"));
        Assert.Equal(2.5m, mine.TotalHours);
        Assert.All(mine.Items, s => Assert.Equal(SignupStatus.Completed, s.Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ListOpenShifts_NotStartedOnly_SoonestFirst_WithPlacesWaitlistAndMyStatus(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        await host.Services.AddShiftAsync(DateTimeOffset.UtcNow.AddMinutes(-5), TimeSpan.FromHours(2), capacity: 3, title: "已开始");
        var full = await host.Services.AddShiftAsync(HostData.HoursFromNow(2), TimeSpan.FromHours(1), capacity: 1, title: "满员");
        var open = await host.Services.AddShiftAsync(HostData.HoursFromNow(3), TimeSpan.FromHours(1), capacity: 3, title: "有空位");
        await host.Services.SendAsync(new ClaimShiftCommand("o-a", full.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-b", full.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-c", full.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-b", open.Id));

        var page = await host.Services.QueryAsync(new ListOpenShiftsQuery(1, 2) { VolunteerOpenId = "o-b" });

        Assert.Equal(["满员", "有空位"], page.Items.Select(s => s.Title));
        Assert.Equal((0, 2, SignupStatus.Waitlisted), (page.Items[0].RemainingPlaces, page.Items[0].WaitlistLength, page.Items[0].MyStatus));
        Assert.Equal((2, 0, SignupStatus.Confirmed), (page.Items[1].RemainingPlaces, page.Items[1].WaitlistLength, page.Items[1].MyStatus));
        // The four sample shifts seeded at start follow on the next pages.
        Assert.Equal(6, page.TotalCount);
        Assert.True(page.HasMore);
        Assert.DoesNotContain(page.Items, s => s.Title == "已开始");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ListMyShifts_UpcomingFirstWithWaitlistPositions_CancelledLeftOut(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        var later = await host.Services.AddShiftAsync(HostData.HoursFromNow(48), TimeSpan.FromHours(1), capacity: 1, title: "后天");
        var sooner = await host.Services.AddShiftAsync(HostData.HoursFromNow(24), TimeSpan.FromHours(1), capacity: 2, title: "明天");
        var dropped = await host.Services.AddShiftAsync(HostData.HoursFromNow(30), TimeSpan.FromHours(1), capacity: 2, title: "已取消");
        await host.Services.SendAsync(new ClaimShiftCommand("o-other", later.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-me", later.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-me", sooner.Id));
        await host.Services.SendAsync(new ClaimShiftCommand("o-me", dropped.Id));
        await host.Services.SendAsync(new CancelShiftSignupCommand("o-me", dropped.Id));

        var mine = await host.Services.QueryAsync(new ListMyShiftsQuery("o-me"));

        Assert.Equal(["明天", "后天"], mine.Items.Select(s => s.Title));
        Assert.Equal((SignupStatus.Confirmed, null), (mine.Items[0].Status, mine.Items[0].WaitlistPosition));
        Assert.Equal((SignupStatus.Waitlisted, 1), (mine.Items[1].Status, mine.Items[1].WaitlistPosition));
        Assert.Equal([SignupAction.Cancel], mine.Items[0].Actions);
        Assert.Equal(0m, mine.TotalHours);
    }

    [Fact]
    public async Task Queries_OutOfRangePaging_AreValidationErrors()
    {
        await using var host = new BotFactory();

        var error = await Assert.ThrowsAsync<ValidationException>(() => host.Services.QueryAsync(new ListOpenShiftsQuery(0, 500)));

        Assert.Equal(["page", "pageSize"], error.Errors.Select(e => e.Field));
    }
}
