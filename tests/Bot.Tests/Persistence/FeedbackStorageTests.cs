using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Feedbacks;

namespace WechatLogistics.Bot.Tests.Persistence;

/// <summary>SubmitFeedbackCommand and ListMyFeedbackQuery through Mediator on the real host.</summary>
public sealed class FeedbackStorageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SameRequestId_FiveTimesAtOnce_StoresOneFeedback(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        var command = new SubmitFeedbackCommand("o-double-tap", FeedbackSubject.Dorm, null, 4, "热水很稳定", false) { RequestId = Guid.CreateVersion7() };

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submits = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await host.Services.SendAsync(command);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(submits);

        var stored = Assert.Single(await host.Services.FeedbackOfAsync("o-double-tap"));
        Assert.Equal(command.RequestId, stored.Id);
        Assert.All(results, r => Assert.Equal(stored.Id, r.FeedbackId));
        Assert.Single(results, r => !r.AlreadySubmitted);
    }

    [Fact]
    public async Task Submit_StoresEveryField_AndTheAnonymousFlag()
    {
        await using var host = new BotFactory();

        await host.Services.SendAsync(new SubmitFeedbackCommand("o-writer", FeedbackSubject.Canteen, " 第一食堂 ", 2, " 菜是凉的 ", true));

        var stored = Assert.Single(await host.Services.FeedbackOfAsync("o-writer"));
        Assert.Equal((FeedbackSubject.Canteen, "第一食堂", 2, "菜是凉的", true), (stored.Subject, stored.PlaceName, stored.Stars, stored.Text, stored.IsAnonymous));
        Assert.Null(stored.VisibleAuthorOpenId);
    }

    [Fact]
    public async Task Submit_LowScoreWithoutAReason_IsRefusedAndNothingStored()
    {
        await using var host = new BotFactory();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            host.Services.SendAsync(new SubmitFeedbackCommand("o-grumpy", FeedbackSubject.Repair, null, 1, "  ", false)));

        Assert.Equal("feedback.reason_required", error.Code);
        Assert.Empty(await host.Services.FeedbackOfAsync("o-grumpy"));
    }

    [Fact]
    public async Task Submit_AnotherStudentsRequestId_IsRefused()
    {
        await using var host = new BotFactory();
        var id = Guid.CreateVersion7();
        await host.Services.SendAsync(new SubmitFeedbackCommand("o-first", FeedbackSubject.Other, null, 5, null, false) { RequestId = id });

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            host.Services.SendAsync(new SubmitFeedbackCommand("o-second", FeedbackSubject.Other, null, 5, null, false) { RequestId = id }));

        Assert.Equal("feedback.duplicate_request", error.Code);
        Assert.Empty(await host.Services.FeedbackOfAsync("o-second"));
    }

    [Theory]
    [InlineData(0, "stars")]
    [InlineData(6, "stars")]
    public async Task Submit_StarsOutOfRange_IsAValidationError(int stars, string field)
    {
        await using var host = new BotFactory();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            host.Services.SendAsync(new SubmitFeedbackCommand("o-x", FeedbackSubject.Dorm, null, stars, "还行", false)));

        Assert.Equal(field, Assert.Single(error.Errors).Field);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ListCanteens_TheSeededCanteensInCampusOrder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);

        var canteens = await host.Services.QueryAsync(new ListCanteensQuery());

        Assert.Equal(["第一食堂", "第二食堂", "第三食堂"], canteens.Select(c => c.Name));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ListMyFeedback_OnlyMine_NewestFirst_InPages(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new BotFactory(settings: database.Settings);
        for (var stars = 1; stars <= 5; stars++)
        {
            await host.Services.SendAsync(new SubmitFeedbackCommand("o-me", FeedbackSubject.Dorm, null, stars, $"第{stars}条", false));
        }

        await host.Services.SendAsync(new SubmitFeedbackCommand("o-someone-else", FeedbackSubject.Dorm, null, 5, null, false));

        var first = await host.Services.QueryAsync(new ListMyFeedbackQuery("o-me", 1, 2));
        var last = await host.Services.QueryAsync(new ListMyFeedbackQuery("o-me", 3, 2));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal([5, 4], first.Items.Select(f => f.Stars));
        Assert.True(first.HasMore);
        Assert.Equal([1], last.Items.Select(f => f.Stars));
        Assert.False(last.HasMore);
    }
}
