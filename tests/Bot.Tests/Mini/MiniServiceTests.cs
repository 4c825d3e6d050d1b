using System.Net;
using WechatLogistics.Bot.MiniProgram.Endpoints;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>Feedback and volunteer shifts through the mini-program API.</summary>
public sealed class MiniServiceTests
{
    private static readonly MiniFeedbackRequest Canteen = new(FeedbackSubject.Canteen, "一食堂", 4, "菜品不错，排队有点久", Anonymous: false);

    [Fact]
    public async Task Feedback_IsStoredOncePerKey_AndListedAsMine()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("he");
        var key = Guid.NewGuid().ToString();

        var first = await student.SubmitFeedbackAsync(Canteen, key);
        var retry = await student.SubmitFeedbackAsync(Canteen, key);
        var changed = await student.SubmitFeedbackAsync(Canteen with { Stars = 1, Text = "太咸了" }, key);
        var lowWithoutReason = await student.SubmitFeedbackAsync(Canteen with { Stars = 1, Text = null });
        var mine = await student.MyFeedbackAsync();

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Ok.FeedbackId, retry.Ok.FeedbackId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lowWithoutReason.Status);
        Assert.False(string.IsNullOrWhiteSpace(lowWithoutReason.Title));
        Assert.Equal(1, mine.Ok.Total);
        Assert.Equal("菜品不错，排队有点久", Assert.Single(mine.Ok.Items).Text);
    }

    [Fact]
    public async Task Shifts_ListWithPlacesLeft_Claim_CheckIn_Cancel_AndMyHours()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var soon = await bed.Host.Services.AddShiftAsync(DateTimeOffset.UtcNow.AddMinutes(10), TimeSpan.FromHours(2), capacity: 2, "迎新引导");
        var later = await bed.Host.Services.AddShiftAsync(HostData.HoursFromNow(48), TimeSpan.FromHours(2), capacity: 1, "图书馆整理");
        var volunteer = await bed.SignInAsync("xu");

        var claim = await volunteer.ClaimShiftAsync(soon.Id);
        var claimLater = await volunteer.ClaimShiftAsync(later.Id);
        var open = await volunteer.OpenShiftsAsync();
        var checkIn = await volunteer.CheckInAsync(soon.Id);
        var cancel = await volunteer.CancelShiftAsync(later.Id);
        var mine = await volunteer.MyShiftsAsync();
        var notMine = await (await bed.SignInAsync("ma")).CheckInAsync(soon.Id);

        Assert.True(claim.Ok.IsConfirmed);
        Assert.True(claimLater.Ok.IsConfirmed);
        var listed = open.Ok.Items.Single(s => s.ShiftId == soon.Id);
        Assert.Equal((2, 1, SignupStatus.Confirmed), (listed.Capacity, listed.RemainingPlaces, listed.MyStatus));
        Assert.Equal(0, open.Ok.Items.Single(s => s.ShiftId == later.Id).RemainingPlaces);
        Assert.Equal(HttpStatusCode.OK, checkIn.Status);
        Assert.Equal(SignupStatus.Confirmed, cancel.Ok.PreviousStatus);
        Assert.Equal(1, mine.Ok.Total);
        Assert.Equal(soon.Id, Assert.Single(mine.Ok.Items).ShiftId);
        Assert.Equal(0m, mine.Ok.TotalHours);
        Assert.Equal(HttpStatusCode.NotFound, notMine.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwentyConcurrentClaimsThroughTheApi_OnFivePlaces_ConfirmFive(DatabaseProvider provider)
    {
        await using var bed = await MiniTestBed.StartAsync(provider);
        var shift = await bed.Host.Services.AddShiftAsync(HostData.HoursFromNow(24), TimeSpan.FromHours(2), capacity: 5);
        var volunteers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => bed.SignInAsync($"v{i:D2}")));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = volunteers.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await v.ClaimShiftAsync(shift.Id);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(claims);
        var stored = await bed.Host.Services.ShiftAsync(shift.Id);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(5, results.Count(r => r.Ok.IsConfirmed));
        Assert.Equal(Enumerable.Range(1, 15), results.Where(r => !r.Ok.IsConfirmed).Select(r => r.Ok.WaitlistPosition!.Value).Order());
        Assert.Equal(0, stored.RemainingPlaces);
        Assert.Equal(5, stored.Signups.Count(s => s.Status == SignupStatus.Confirmed));
    }
}
