using System.Net;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>报修 through the mini-program API: create, list, detail, the student's actions, other students, retries.</summary>
public sealed class MiniTicketTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Create_ThenListAndDetail_ShowTheTicketWithItsTimeline(DatabaseProvider provider)
    {
        await using var bed = await MiniTestBed.StartAsync(provider);
        var student = await bed.SignInAsync("chen");

        var created = await student.CreateTicketAsync(MiniTickets.Tap());
        var list = await student.MyTicketsAsync();
        var detail = await student.TicketAsync(created.Ok.Id);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Matches("^R[0-9]{8}-[0-9]{4}$", created.Ok.Number);
        Assert.Equal(1, list.Ok.Total);
        Assert.Equal((1, 10), (list.Ok.Page, list.Ok.PageSize));
        var item = Assert.Single(list.Ok.Items);
        Assert.Equal(created.Ok.Number, item.Number);
        Assert.Equal("水 / 水龙头", item.Category);
        Assert.Equal("卫生间水龙头一直滴水", detail.Ok.Description);
        Assert.Equal(TicketTimelineAction.Opened, Assert.Single(detail.Ok.Timeline).Action);
        Assert.Contains(TicketAction.Cancel, detail.Ok.StudentActions);
    }

    [Fact]
    public async Task Cancel_ThenTheTicketIsClosedAndAskingAgainIs409()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");
        var ticket = (await student.CreateTicketAsync(MiniTickets.Tap())).Ok;

        var cancelled = await student.CancelTicketAsync(ticket.Id, "已经自己修好了");
        var again = await student.CancelTicketAsync(ticket.Id);
        var open = await student.MyTicketsAsync();
        var all = await student.MyTicketsAsync(includeClosed: true);

        Assert.Equal(TicketStatus.Cancelled, cancelled.Ok.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Empty(open.Ok.Items);
        Assert.Equal(1, all.Ok.Total);
    }

    [Fact]
    public async Task ConfirmAndRate_OrReopen_AResolvedRepair()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");
        var first = (await student.CreateTicketAsync(MiniTickets.Tap())).Ok;
        var second = (await student.CreateTicketAsync(MiniTickets.Tap("空调不制冷"))).Ok;
        await MiniTickets.ResolveAsync(bed, first.Id);
        await MiniTickets.ResolveAsync(bed, second.Id);

        var confirmed = await student.ConfirmTicketAsync(first.Id, 5, "师傅很快就修好了");
        var badRating = await student.ConfirmTicketAsync(second.Id, 6);
        var reopened = await student.ReopenTicketAsync(second.Id, "还是不制冷");
        var detail = await student.TicketAsync(first.Id);

        Assert.Equal(TicketStatus.Confirmed, confirmed.Ok.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badRating.Status);
        Assert.NotNull(badRating.Problem!["errors"]!["rating"]);
        Assert.Equal(TicketStatus.Reopened, reopened.Ok.Status);
        Assert.Equal(5, detail.Ok.Rating);
    }

    [Fact]
    public async Task AnotherStudentsTicket_Is404ForEveryAction_NeverA403()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var owner = await bed.SignInAsync("chen");
        var stranger = await bed.SignInAsync("wang");
        var ticket = (await owner.CreateTicketWithPhotosAsync(MiniTickets.Tap(), [new PhotoFile(MiniTickets.Jpeg())])).Ok;
        await MiniTickets.ResolveAsync(bed, ticket.Id);

        var read = await stranger.TicketAsync(ticket.Id);
        var cancel = await stranger.CancelTicketAsync(ticket.Id);
        var rate = await stranger.ConfirmTicketAsync(ticket.Id, 1, "差");
        var reopen = await stranger.ReopenTicketAsync(ticket.Id, "没修好");
        var photo = await stranger.PhotoAsync($"/api/mini/tickets/{ticket.Id}/photos/0");
        var missing = await stranger.TicketAsync(Guid.NewGuid());
        var theirList = await stranger.MyTicketsAsync(includeClosed: true);

        Assert.All([read.Status, cancel.Status, rate.Status, reopen.Status, photo.Status], s => Assert.Equal(HttpStatusCode.NotFound, s));
        // Exactly the answer for an id that does not exist: nothing tells the two apart.
        Assert.Equal((missing.Title, missing.Code), (read.Title, read.Code));
        Assert.Equal("没有找到这张报修单。", read.Title);
        Assert.Empty(theirList.Ok.Items);
        Assert.Equal(TicketStatus.Resolved, (await owner.TicketAsync(ticket.Id)).Ok.Summary.Status);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyTwice_OpensOneTicket_AndAnswersWithTheSameBody()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");
        var key = Guid.NewGuid().ToString();

        var first = await student.CreateTicketWithPhotosAsync(MiniTickets.Tap(), [new PhotoFile(MiniTickets.Jpeg())], key);
        var retry = await student.CreateTicketWithPhotosAsync(MiniTickets.Tap(), [new PhotoFile(MiniTickets.Jpeg())], key);
        var list = await student.MyTicketsAsync();

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Ok, retry.Ok);
        Assert.Equal(1, list.Ok.Total);
        // The retry's photo was not stored a second time.
        Assert.Single(bed.StoredPhotos());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TenConcurrentCreatesWithOneKey_OpenOneTicket(DatabaseProvider provider)
    {
        await using var bed = await MiniTestBed.StartAsync(provider);
        var student = await bed.SignInAsync("chen");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => student.CreateTicketAsync(MiniTickets.Tap(), key))));
        var list = await student.MyTicketsAsync();

        Assert.Equal(1, list.Ok.Total);
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Equal(list.Ok.Items[0].Id, a.Ok.Id));
    }

    [Fact]
    public async Task TheSameKeyWithADifferentReport_Is422_AndChangesNothing()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");
        var key = Guid.NewGuid().ToString();

        await student.CreateTicketAsync(MiniTickets.Tap(), key);
        var other = await student.CreateTicketAsync(MiniTickets.Tap("灯管不亮"), key);
        var list = await student.MyTicketsAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("ticket.idempotency_mismatch", other.Code);
        Assert.Equal(1, list.Ok.Total);
    }

    [Fact]
    public async Task AnInvalidReport_Is400_WithFieldNames()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");

        var answer = await student.CreateTicketAsync(new(Guid.Empty, null, null, ""));
        var tooLong = await student.CreateTicketAsync(MiniTickets.Tap(), idempotencyKey: new string('k', 65));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var errors = answer.Problem!["errors"]!.AsObject();
        Assert.Equal(["categoryId", "description", "locationText"], errors.Select(e => e.Key).Order());
        Assert.Equal("请选择报修类别。", (string?)errors["categoryId"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.NotNull(tooLong.Problem!["errors"]!["Idempotency-Key"]);
    }

    [Fact]
    public async Task Paging_HasOneShape_PageSizeTotalItems()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");
        for (var i = 0; i < 3; i++)
        {
            await student.CreateTicketAsync(MiniTickets.Tap($"第{i + 1}个问题"));
        }

        var second = await student.MyTicketsAsync(page: 2, pageSize: 2);
        var badPage = await student.MyTicketsAsync(page: 0);

        Assert.Equal((2, 2, 3), (second.Ok.Page, second.Ok.PageSize, second.Ok.Total));
        Assert.Equal("第1个问题", Assert.Single(second.Ok.Items) is var only ? (await student.TicketAsync(only.Id)).Ok.Description : null);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.Status);
        Assert.NotNull(badPage.Problem!["errors"]!["page"]);
    }
}
