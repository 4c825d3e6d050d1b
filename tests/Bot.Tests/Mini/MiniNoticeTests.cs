using System.Net;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.Notifications;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>Announcements for me, the in-app inbox, and subscribe consents through the mini-program API.</summary>
public sealed class MiniNoticeTests
{
    [Fact]
    public async Task Announcements_ShowEveryonesAndMyBuildings_NotOtherBuildingsOrStaff_AndCanBeMarkedRead()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("luo");
        var myBuilding = ReferenceDataSeed.LocationId("E-D01");
        var otherBuilding = ReferenceDataSeed.LocationId("E-D02");
        await using (var db = bed.Database.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.DormBindings.Add(DormBinding.Bind("o-luo", myBuilding, "302", now));
            db.Announcements.AddRange(
                Announcement.Publish("全校停电演练", "周六上午", AnnouncementAudience.Everyone, null, null, "office", now.AddMinutes(-3)),
                Announcement.Publish("1号楼停水", "周日9点", AnnouncementAudience.Building, myBuilding, null, "office", now.AddMinutes(-2)),
                Announcement.Publish("2号楼停水", "周日9点", AnnouncementAudience.Building, otherBuilding, null, "office", now.AddMinutes(-1)),
                Announcement.Publish("员工大会", "周一", AnnouncementAudience.Staff, null, null, "office", now));
            await db.SaveChangesAsync();
        }

        var before = await student.AnnouncementsAsync();
        var read = await student.MarkAnnouncementReadAsync(before.Ok.Items[0].Id);
        var again = await student.MarkAnnouncementReadAsync(before.Ok.Items[0].Id);
        var staffOnly = await student.MarkAnnouncementReadAsync(await IdOfAsync(bed, "员工大会"));
        var after = await student.AnnouncementsAsync();

        Assert.Equal(["1号楼停水", "全校停电演练"], before.Ok.Items.Select(a => a.Title));
        Assert.Equal(2, before.Ok.Total);
        Assert.All(before.Ok.Items, a => Assert.False(a.IsRead));
        Assert.Equal(HttpStatusCode.NoContent, read.Status);
        Assert.Equal(HttpStatusCode.NoContent, again.Status);
        Assert.Equal(HttpStatusCode.NotFound, staffOnly.Status);
        Assert.Equal([true, false], after.Ok.Items.Select(a => a.IsRead));
    }

    [Fact]
    public async Task Inbox_ListsMyNotices_MarksThemRead_AndHidesOtherStudents()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("luo");
        var other = await bed.SignInAsync("ye");
        var mine = Guid.NewGuid();
        await using (var db = bed.Database.CreateContext())
        {
            db.InboxMessages.AddRange(
                new InboxMessage(mine, "o-luo", "报修进度", "您的报修单已派单", DateTimeOffset.UtcNow),
                new InboxMessage(Guid.NewGuid(), "o-ye", "报修进度", "别人的消息", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var before = await student.InboxAsync();
        var stranger = await other.MarkInboxReadAsync(mine);
        var read = await student.MarkInboxReadAsync(mine);
        var after = await student.InboxAsync();

        Assert.Equal((1, 1), (before.Ok.Total, before.Ok.Unread));
        Assert.Equal("您的报修单已派单", Assert.Single(before.Ok.Items).Body);
        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        Assert.Equal(HttpStatusCode.NoContent, read.Status);
        Assert.Equal(0, after.Ok.Unread);
        Assert.NotNull(after.Ok.Items[0].ReadAt);
    }

    [Fact]
    public async Task SubscribeConsent_IsRecordedPerTemplate_AndEmptyChoicesAre400()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("luo");

        var accepted = await student.RecordConsentAsync(new SubscribeConsentChoice("tmpl-progress", true), new SubscribeConsentChoice("tmpl-shift", false));
        var empty = await student.RecordConsentAsync();

        Assert.Equal(HttpStatusCode.NoContent, accepted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.NotNull(empty.Problem!["errors"]!["choices"]);
        await using var db = bed.Database.CreateContext();
        var consents = await db.SubscribeConsents.AsNoTracking().Where(c => c.OpenId == "o-luo").OrderBy(c => c.TemplateId).ToListAsync();
        Assert.Equal(["tmpl-progress", "tmpl-shift"], consents.Select(c => c.TemplateId));
        Assert.True(consents[0].Credits > 0);
        Assert.Equal(0, consents[1].Credits);
    }

    private static async Task<Guid> IdOfAsync(MiniTestBed bed, string title)
    {
        await using var db = bed.Database.CreateContext();
        return await db.Announcements.Where(a => a.Title == title).Select(a => a.Id).SingleAsync();
    }
}
