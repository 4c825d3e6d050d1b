using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>OpenRepairTicketCommand over real databases: numbering, SLA, and the idempotency key on both engines.</summary>
public sealed class OpenRepairTicketTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Open_NumbersByCampusDate_AndTakesPriorityAndSlaFromTheCategory(DatabaseProvider provider)
    {
        await using var database = await ReadyAsync(provider);
        var desk = new TicketDesk(database);
        var now = desk.Clock.GetUtcNow();

        var leak = await desk.OpenAsync(TicketDesk.Report("key-1", category: "WATER-LEAK"));
        var tap = await desk.OpenAsync(TicketDesk.Report("key-2"));

        Assert.Equal(("R20260303-0001", "R20260303-0002"), (leak.Number, tap.Number));
        Assert.Equal((Priority.Urgent, now.AddHours(2), now.AddHours(8)), (leak.Priority, leak.ResponseDueAt, leak.ResolveDueAt));
        Assert.Equal((Priority.Normal, now.AddHours(8), now.AddHours(24)), (tap.Priority, tap.ResponseDueAt, tap.ResolveDueAt));
        Assert.False(leak.AlreadyExisted);
        var stored = await desk.LoadAsync(leak.TicketId);
        Assert.Equal((TicketDesk.Student, ReferenceDataSeed.CategoryId("WATER-LEAK"), ReferenceDataSeed.LocationId("E-D01")),
            (stored.ReporterOpenId, stored.CategoryId, stored.LocationId));
        Assert.Equal(("东区学生公寓1号楼 302", "水龙头一直滴水", "key-1"), (stored.LocationText, stored.Description, stored.IdempotencyKey));
        Assert.Equal([new TicketPhoto("media-1", "http://mmbiz.qpic.cn/1.jpg")], stored.Photos);
        Assert.Equal(TicketStatus.Submitted, stored.Status);
        Assert.Equal(TicketTimelineAction.Opened, Assert.Single(stored.Timeline).Action);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Open_SameKeyAgain_ReturnsTheFirstTicket_ButTheKeyIsPerStudent(DatabaseProvider provider)
    {
        await using var database = await ReadyAsync(provider);
        var desk = new TicketDesk(database);

        var first = await desk.OpenAsync(TicketDesk.Report("draft-42"));
        var again = await desk.OpenAsync(TicketDesk.Report("draft-42") with { Description = "换了说法再提交一次" });
        var otherStudent = await desk.OpenAsync(TicketDesk.Report("draft-42", reporter: TicketDesk.Stranger));

        Assert.Equal((first.TicketId, first.Number, true), (again.TicketId, again.Number, again.AlreadyExisted));
        Assert.NotEqual(first.TicketId, otherStudent.TicketId);
        Assert.Equal("R20260303-0002", otherStudent.Number);
        Assert.Equal(2, await desk.CountAsync());
        Assert.Equal("水龙头一直滴水", (await desk.LoadAsync(first.TicketId)).Description);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Open_SameKeyTenTimesAtOnce_OpensOneTicket_AndNumbersStayUnique(DatabaseProvider provider)
    {
        await using var database = await ReadyAsync(provider);
        var desk = new TicketDesk(database);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taps = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await desk.OpenAsync(TicketDesk.Report("double-tap"));
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(taps);
        var next = await desk.OpenAsync(TicketDesk.Report("another-report"));

        Assert.Single(results.Select(r => r.TicketId).Distinct());
        Assert.Single(results.Select(r => r.Number).Distinct());
        Assert.Equal(2, await desk.CountAsync());
        // The losers' numbers were used up by their failed saves (a gap), but no number is ever given twice.
        Assert.NotEqual(results[0].Number, next.Number);
        Assert.True(string.CompareOrdinal(next.Number, results[0].Number) > 0);
    }

    [Theory]
    [InlineData("WATER", "E-D01", "请选择具体的报修类别。")]
    [InlineData("WATER-TAP", "NOWHERE", "没有找到这个报修地点，请重新选择。")]
    [InlineData("NO-SUCH-CATEGORY", "E-D01", "没有找到这个报修类别，请重新选择。")]
    public async Task Open_ParentCategoryOrUnknownIds_IsRefused_AndUsesNoNumber(string category, string location, string message)
    {
        await using var database = await ReadyAsync(DatabaseProvider.Sqlite);
        var desk = new TicketDesk(database);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            desk.OpenAsync(TicketDesk.Report("k", category: category) with { LocationId = ReferenceDataSeed.LocationId(location) }));
        var next = await desk.OpenAsync(TicketDesk.Report("k2"));

        Assert.Equal(("ticket.invalid", message), (error.Code, error.Message));
        Assert.Equal("R20260303-0001", next.Number);
    }

    [Fact]
    public void Validate_ListsEveryBadField()
    {
        var command = TicketDesk.Report(" ") with
        {
            LocationId = null,
            LocationText = "  ",
            Description = new string('漏', 501),
            Photos = [.. Enumerable.Range(0, 10).Select(i => new TicketPhoto($"m{i}", null))],
            CategoryId = Guid.Empty,
        };

        var fields = command.Validate().Select(e => e.Field).ToList();

        Assert.Equal(["CategoryId", "LocationText", "Description", "Photos", "IdempotencyKey"], fields);
        Assert.Empty(TicketDesk.Report("ok").Validate());
    }

    [Fact]
    public async Task Open_ThroughTheHostsMediator_IsValidatedBeforeTheHandler()
    {
        await using var host = new BotFactory();
        await using var scope = host.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await sender.Send(TicketDesk.Report("k") with { Description = "" }, TestContext.Current.CancellationToken));

        Assert.Equal("Description", Assert.Single(error.Errors).Field);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().RepairTickets.CountAsync(TestContext.Current.CancellationToken));
    }

    internal static async Task<TestDatabase> ReadyAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        return database;
    }
}
