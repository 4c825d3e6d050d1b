using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Tests.Persistence;

/// <summary>ClaimShiftCommand through the real host: one DI scope (and DbContext) per claim, as requests would.</summary>
public sealed class ClaimShiftTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FiftyConcurrentClaims_OnFivePlaces_ConfirmFiveAndQueueFortyFiveInOrder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        var shiftId = await AddShiftAsync(host, TimeSpan.FromDays(1), TimeSpan.FromHours(2), capacity: 5);
        var volunteers = Enumerable.Range(1, 50).Select(i => $"o-volunteer-{i:D2}").ToList();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = volunteers.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await ClaimAsync(host, v, shiftId);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(claims);

        Assert.Equal(5, results.Count(r => r.Status == SignupStatus.Confirmed));
        Assert.Equal(45, results.Count(r => r.Status == SignupStatus.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 45), results.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order());
        Assert.All(results.Where(r => r.IsConfirmed), r => Assert.Null(r.WaitlistPosition));

        await using var scope = host.Services.CreateAsyncScope();
        var shift = await scope.ServiceProvider.GetRequiredService<AppDbContext>().VolunteerShifts
            .SingleAsync(s => s.Id == shiftId, TestContext.Current.CancellationToken);
        Assert.Equal(50, shift.Signups.Count);
        Assert.Equal(volunteers.Order(), shift.Signups.Select(s => s.VolunteerOpenId).Order());
        Assert.Equal(50, shift.Version);
        // The stored queue agrees with what each volunteer was told.
        foreach (var (volunteer, result) in volunteers.Zip(results))
        {
            Assert.Equal(result.Status, shift.SignupOf(volunteer)!.Status);
            Assert.Equal(result.WaitlistPosition, shift.WaitlistPositionOf(volunteer));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OneVolunteerTappingClaimTenTimesAtOnce_GetsOnePlaceAndNineAlreadySignedUp(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        var shiftId = await AddShiftAsync(host, TimeSpan.FromDays(1), TimeSpan.FromHours(2), capacity: 5);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taps = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (await ClaimAsync(host, "o-volunteer", shiftId)).Status.ToString();
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(taps);

        Assert.Equal(1, outcomes.Count(o => o == nameof(SignupStatus.Confirmed)));
        Assert.Equal(9, outcomes.Count(o => o == "shift.already_signed_up"));
        await using var scope = host.Services.CreateAsyncScope();
        var shift = await scope.ServiceProvider.GetRequiredService<AppDbContext>().VolunteerShifts
            .SingleAsync(s => s.Id == shiftId, TestContext.Current.CancellationToken);
        Assert.Single(shift.Signups);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Claim_OverlappingAShiftAlreadyClaimed_IsRefusedButATouchingOneIsFine(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        var morning = await AddShiftAsync(host, TimeSpan.FromDays(2), TimeSpan.FromHours(2), capacity: 3);
        var overlapping = await AddShiftAsync(host, TimeSpan.FromDays(2) + TimeSpan.FromHours(1), TimeSpan.FromHours(2), capacity: 3);
        var touching = await AddShiftAsync(host, TimeSpan.FromDays(2) + TimeSpan.FromHours(2), TimeSpan.FromHours(1), capacity: 3);
        await ClaimAsync(host, "o-volunteer", morning);

        var error = await Assert.ThrowsAsync<DomainException>(() => ClaimAsync(host, "o-volunteer", overlapping));
        var next = await ClaimAsync(host, "o-volunteer", touching);

        Assert.Equal("shift.overlap", error.Code);
        Assert.True(next.IsConfirmed);
    }

    [Fact]
    public async Task Claim_UnknownShift_IsADomainError()
    {
        await using var host = new BotFactory();

        var error = await Assert.ThrowsAsync<DomainException>(() => ClaimAsync(host, "o-volunteer", Guid.NewGuid()));

        Assert.Equal("shift.not_found", error.Code);
    }

    private static async Task<ClaimShiftResult> ClaimAsync(BotFactory host, string volunteer, Guid shiftId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ClaimShiftCommand(volunteer, shiftId));
    }

    private static async Task<Guid> AddShiftAsync(BotFactory host, TimeSpan startsIn, TimeSpan length, int capacity)
    {
        var now = DateTimeOffset.UtcNow;
        var startsAt = new DateTimeOffset(now.Date, TimeSpan.Zero) + startsIn;
        var shift = VolunteerShift.Create("测试岗位", "图书馆", startsAt, startsAt + length, capacity, now);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.VolunteerShifts.Add(shift);
        await db.SaveChangesAsync();
        return shift.Id;
    }
}
