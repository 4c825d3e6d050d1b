using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>Domain events become messages in the same save, and go out by the right channel.</summary>
public sealed class NotificationTests
{
    private const string Webhook = "/cgi-bin/webhook/send";
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public async Task TicketOpened_IsPostedToTheCategorysMaintenanceRobot_AsMarkdown()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost(new Dictionary<string, string?>
        {
            ["Maintenance:RobotKeys:default"] = "robot-default",
            ["Maintenance:RobotKeys:WATER"] = "robot-water",
        });

        var ticketId = await OpenTicketAsync(host, bed.User(1), "WATER-LEAK", "水管爆了，" + new string('水', 200));
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1);

        var call = Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == Webhook);
        Assert.Equal("?key=robot-water", call.Query);
        var markdown = (string)JsonNode.Parse(call.Body)!["markdown"]!["content"]!;
        Assert.Contains("**新报修单 R", markdown);
        Assert.Contains("紧急", markdown);
        Assert.Contains("东区学生公寓1号楼 302室", markdown);
        Assert.Contains("水 / 水管漏水", markdown);
        Assert.Contains("…", markdown);
        Assert.True(markdown.Length < 400);
        // The row names the route, never the key (a secret).
        await using var db = bed.Database.CreateContext();
        var row = await db.OutboxMessages.SingleAsync(m => m.Channel == OutboxChannel.WeComRobot);
        Assert.Equal("WATER", row.Recipient);
        Assert.DoesNotContain("robot-water", row.Payload, StringComparison.Ordinal);
        Assert.Equal($"{row.Recipient}|ticket-opened:{ticketId:N}", row.IdempotencyKey);
        // Its line in a digest, should it queue behind the robot's limit: number, urgency, place, trade.
        Assert.Matches("^R\\d{8}-\\d{4} <font color=\"warning\">紧急</font> 东区学生公寓1号楼 302室 · 水 / 水管漏水$", OutboxJsonContext.Deserialize(row.Payload).Summary);
    }

    [Fact]
    public async Task TicketAssigned_TellsTheStudent_InTheSameSaveAsTheChange()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost();
        var student = bed.User(2);
        await bed.OpenWindowsAsync(host, [student]);
        var ticketId = await OpenTicketAsync(host, student, "WATER-TAP", "水龙头滴水");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var ticket = await db.RepairTickets.SingleAsync(t => t.Id == ticketId);
            ticket.Assign("wang.shifu", Actor.Staff("dispatcher"), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 2);
        var call = Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == CustomSend);
        Assert.Equal(student, call.ToUser);
        Assert.Matches("^您的报修单 R\\d{8}-\\d{4} 已派单", call.Content);
    }

    [Fact]
    public async Task ChangeThatFailsToSave_LeavesNoMessage()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost();
        var ticketId = await OpenTicketAsync(host, bed.User(3), "WATER-TAP", "水龙头滴水");
        await using var first = bed.Database.CreateContext();
        await using var second = bed.Database.CreateContext();
        first.Mappers = second.Mappers = host.Services.GetRequiredService<Bot.Outbox.DomainEventMappers>();
        (await first.RepairTickets.SingleAsync(t => t.Id == ticketId)).Assign("a", Actor.Staff("d"), DateTimeOffset.UtcNow);
        (await second.RepairTickets.SingleAsync(t => t.Id == ticketId)).Reject(Actor.Staff("d"), "重复报修", DateTimeOffset.UtcNow);
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var rows = (await bed.RowsAsync()).Where(r => r.Channel != OutboxChannel.IncidentCheck).ToList();
        // The robot post, the student's assignment notice and the worker's WeCom notice; nothing for the failed rejection.
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r.Payload.Contains("未被受理", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitlistPromotion_TellsTheVolunteer()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost();
        var (first, waiting) = (bed.User(10), bed.User(11));
        await bed.OpenWindowsAsync(host, [waiting]);
        var now = DateTimeOffset.UtcNow;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var shift = VolunteerShift.Create("图书馆整理", "图书馆", now.AddDays(2), now.AddDays(2).AddHours(2), 1, now);
            shift.Claim(first, now, []);
            shift.Claim(waiting, now, []);
            db.VolunteerShifts.Add(shift);
            await db.SaveChangesAsync();
            shift.Cancel(first, now.AddMinutes(1));
            await db.SaveChangesAsync();
        }

        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1);
        var call = Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == CustomSend);
        Assert.Equal(waiting, call.ToUser);
        Assert.Contains("「图书馆整理」", call.Content);
    }

    [Fact]
    public async Task RobotLimit_TheTwentyFirstMessageWaitsForTheWindow_AndIsNotDroppedOrFailed()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var bed = await OutboxTestBed.CreateAsync(fake: new FakeApiOptions { RobotWindow = window });
        var host = bed.StartHost(new Dictionary<string, string?>
        {
            ["Outbox:RateWindow"] = "00:00:02",
            ["Maintenance:RobotKeys:default"] = "robot-limited",
        });

        // One at a time, each after the one before went out: notices queued together would go as one digest.
        for (var i = 0; i < 21; i++)
        {
            await OutboxTestBed.EnqueueAsync(host, new OutboxItem(OutboxChannel.WeComRobot, "default", "robot:" + i, new OutboxContent { Text = $"**提醒** {i}" }));
            if (i < 20)
            {
                var sent = i + 1;
                await OutboxTestBed.WaitForAsync(() => bed.Fake.State.Log.Snapshot().Count(c => c.Path == Webhook) == sent, TimeSpan.FromSeconds(10), "robot message " + sent);
            }
        }

        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(20), 21);

        var calls = bed.Fake.State.Log.Snapshot().Where(c => c.Path == Webhook).OrderBy(c => c.Seq).ToList();
        Assert.Equal(21, calls.Count);
        Assert.All(calls, c => Assert.Equal(0, c.ErrCode));
        Assert.True(calls[20].At - calls[0].At >= window, $"the 21st went out {(calls[20].At - calls[0].At).TotalMilliseconds} ms after the first");
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task StaffAnnouncement_GoesAsOneWeComAppMessageToTheConfiguredList()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost(new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = "ww" + bed.AppId, ["WeCom:AgentId"] = "1000002", ["WeCom:Secret"] = "demo-wecom-secret",
            ["Announcements:StaffToUser"] = "zhang.san|li.si", ["Announcements:StaffToParty"] = "7",
        });

        var published = await AnnouncementFanOutTests.PublishAsync(host, AnnouncementAudience.Staff);
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1);

        var call = Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == "/cgi-bin/message/send");
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal(("zhang.san|li.si", "7", 1000002), ((string?)body["touser"], (string?)body["toparty"], (int)body["agentid"]!));
        Assert.StartsWith("【停水通知】", (string?)body["text"]!["content"]);
        Assert.Equal(1, published.Recipients);
    }

    [Fact]
    public async Task TicketOpened_APlaceThatNamesItsBuilding_IsShownOnce()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost(new Dictionary<string, string?> { ["Maintenance:RobotKeys:default"] = "robot-default" });

        // What the chat dialog stores: the building's name and the room.
        await OpenTicketAsync(host, bed.User(1), "WATER-LEAK", "水管漏水", "东区学生公寓1号楼 302");
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1);

        var markdown = (string)JsonNode.Parse(Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == Webhook).Body)!["markdown"]!["content"]!;
        Assert.Contains("地点：<font color=\"comment\">东区学生公寓1号楼 302</font>", markdown);
    }

    private static async Task<Guid> OpenTicketAsync(BotFactory host, string student, string category, string description, string place = "302室")
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var ticket = RepairTicket.Open(
            RepairTicketNumber.Create(day, await db.NextTicketSequenceAsync(day, CancellationToken.None)), student,
            ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId("E-D01"), place, description, [],
            category == "WATER-LEAK" ? Priority.Urgent : Priority.Normal, SlaPolicy.Default, DateTimeOffset.UtcNow);
        db.RepairTickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Id;
    }
}
