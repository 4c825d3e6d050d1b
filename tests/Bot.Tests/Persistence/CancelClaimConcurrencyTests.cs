using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Tests.Persistence;

/// <summary>
/// Cancels and claims racing on a full shift, each in its own scope and DbContext: the place count never exceeds the
/// capacity, no place stays empty while someone waits, and every promotion is reported to exactly one caller.
/// </summary>
public sealed class CancelClaimConcurrencyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TenCancelsAndTenClaimsAtOnce_OnAFullShift_KeepCapacityAndLoseNobody(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        var shift = await host.Services.AddShiftAsync(HostData.HoursFromNow(24), TimeSpan.FromHours(2), capacity: 10);
        var leaving = Names("o-leaving", 10);
        var waiting = Names("o-waiting", 5);
        var arriving = Names("o-arriving", 10);
        foreach (var volunteer in leaving.Concat(waiting))
        {
            await host.Services.SendAsync(new ClaimShiftCommand(volunteer, shift.Id));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancels = leaving.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await host.Services.SendAsync(new CancelShiftSignupCommand(v, shift.Id));
        })).ToList();
        var claims = arriving.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await host.Services.SendAsync(new ClaimShiftCommand(v, shift.Id));
        })).ToList();
        start.SetResult();
        var cancelled = await Task.WhenAll(cancels);
        var claimed = await Task.WhenAll(claims);

        var stored = await host.Services.ShiftAsync(shift.Id);
        var statuses = stored.Signups.ToDictionary(s => s.VolunteerOpenId, s => s.Status);
        Assert.Equal(25, statuses.Count);
        Assert.All(leaving, v => Assert.Equal(SignupStatus.Cancelled, statuses[v]));
        // Capacity held, and the 15 who stay fill all 10 places before anyone waits.
        Assert.Equal(10, statuses.Values.Count(s => s == SignupStatus.Confirmed));
        Assert.Equal(5, statuses.Values.Count(s => s == SignupStatus.Waitlisted));
        // The earlier waitlist was served first.
        Assert.All(waiting, v => Assert.Equal(SignupStatus.Confirmed, statuses[v]));
        Assert.Equal(Enumerable.Range(1, 5), arriving.Select(stored.WaitlistPositionOf).OfType<int>().Order());
        // Everyone confirmed was told so exactly once: by their own claim, or as the promoted one of a single cancel.
        var promoted = cancelled.Select(c => c.PromotedVolunteerOpenId).OfType<string>().ToList();
        var confirmedByClaim = arriving.Zip(claimed).Where(x => x.Second.IsConfirmed).Select(x => x.First).ToList();
        Assert.Equal(promoted.Count, promoted.Distinct().Count());
        Assert.Empty(promoted.Intersect(confirmedByClaim));
        Assert.Equal(
            statuses.Where(p => p.Value == SignupStatus.Confirmed).Select(p => p.Key).Order(),
            promoted.Concat(confirmedByClaim).Order());
        Assert.All(waiting, v => Assert.Contains(v, promoted));
        // 15 claims to fill it, then 20 changes: each one bumped the version once.
        Assert.Equal(35, stored.Version);
    }

    private static string[] Names(string prefix, int count) => [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D2}")];
}
