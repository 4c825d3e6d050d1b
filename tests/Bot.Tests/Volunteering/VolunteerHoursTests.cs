using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Domain.Students;
using WechatLogistics.Handlers.StaffAdmin;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Tests.Volunteering;

/// <summary>
/// The hours ledger over a real database. The shift runs 09:00–11:00 campus on 2026-03-10 (term 2025-2026-2); the volunteer
/// checks in at 08:50 and out at 10:40: present within the shift 09:00–10:40 = 100 min = 6 whole quarters = 1.5 h.
/// </summary>
public sealed class VolunteerHoursTests
{
    private const string Volunteer = "o-volunteer-1";
    private const string Coordinator = "coord.li";
    private static readonly DateTimeOffset ShiftStart = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CheckOutAndManualEntries_SumPerTermAndInTotal(DatabaseProvider provider)
    {
        await using var desk = await CreateAsync(provider);
        var completed = await WorkShiftAsync(desk);

        var extra = await desk.SendAsync(new RecordManualHoursCommand(Coordinator, Volunteer, 2, "迎新活动现场引导"));
        var correction = await desk.SendAsync(new RecordManualHoursCommand(Coordinator, Volunteer, -0.5m, "签退时间登记有误"));
        var lastTerm = await desk.SendAsync(new RecordManualHoursCommand(Coordinator, Volunteer, 1, "寒假值守", new DateOnly(2026, 1, 10)));
        var mine = await desk.QueryAsync(new GetMyHoursQuery(Volunteer));
        var term = await desk.QueryAsync(new ListTermHoursQuery(Coordinator, "2025-2026-2"));

        Assert.Equal((1.5m, 1.5m), (completed.Hours, completed.TotalHours));
        Assert.Equal(("2025-2026-2", 3.5m), (extra.Term, extra.TermTotal));
        Assert.Equal(3.0m, correction.TermTotal);
        Assert.Equal(("2025-2026-1", 1m), (lastTerm.Term, lastTerm.TermTotal));
        Assert.Equal([new TermHours("2025-2026-2", "2025-2026学年第二学期", 3.0m), new TermHours("2025-2026-1", "2025-2026学年第一学期", 1m)], mine.Terms);
        Assert.Equal(4.0m, mine.Total);
        Assert.Equal(4, mine.Entries.Count);
        Assert.Single(mine.Entries, e => e.Shift == "迎新引导" && e.Hours == 1.5m && !e.IsManual);
        Assert.Equal(new VolunteerTotal(Volunteer, 3.0m, 1.5m, 1), Assert.Single(term.Volunteers));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ManualEntries_ForOneself_WithoutReason_BelowZero_OrByAWorker_AreRefused_AndStoreNothing(DatabaseProvider provider)
    {
        await using var desk = await CreateAsync(provider);
        await WorkShiftAsync(desk);
        // The coordinator is also a student: their Official Account OpenId, linked by UnionId to their mini-program OpenId.
        await desk.SendAsync(new CreateStaffMemberCommand("demo-staff", "coord.wang", "王老师", "8002", StaffRole.Dispatcher, null) { WeChatOpenId = "o-wang-oa" });
        await using (var db = desk.Database.CreateContext())
        {
            db.StudentIdentities.AddRange(
                new StudentIdentity("o-wang-oa", StudentChannel.OfficialAccount, "u-wang", desk.Clock.GetUtcNow()),
                new StudentIdentity("o-wang-mini", StudentChannel.MiniProgram, "u-wang", desk.Clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var self = await RefusedAsync(desk, new RecordManualHoursCommand("coord.wang", "o-wang-oa", 2, "自己登记"));
        var selfOtherChannel = await RefusedAsync(desk, new RecordManualHoursCommand("coord.wang", "o-wang-mini", 2, "换个渠道登记"));
        var noReason = await RefusedAsync(desk, new RecordManualHoursCommand(Coordinator, Volunteer, 2, "  "));
        var belowZero = await RefusedAsync(desk, new RecordManualHoursCommand(Coordinator, Volunteer, -2, "多记了"));
        var notQuarter = await RefusedAsync(desk, new RecordManualHoursCommand(Coordinator, Volunteer, 0.1m, "零头"));
        var byWorker = await RefusedAsync(desk, new RecordManualHoursCommand("worker.zhao", Volunteer, 1, "帮忙"));
        var toZero = await desk.SendAsync(new RecordManualHoursCommand(Coordinator, Volunteer, -1.5m, "该岗位未实际开展"));

        Assert.Equal(["hours.forbidden", "hours.forbidden", "hours.reason_required", "hours.below_zero", "hours.invalid", "staff.forbidden"],
            [self, selfOtherChannel, noReason, belowZero, notQuarter, byWorker]);
        Assert.Equal(0m, toZero.TermTotal);
        await using var check = desk.Database.CreateContext();
        Assert.Equal(2, await check.HoursEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SignupsCompletedBeforeTheLedger_GetTheirLineAtStart_Once(DatabaseProvider provider)
    {
        await using var desk = await CreateAsync(provider);
        await WorkShiftAsync(desk);
        await using (var db = desk.Database.CreateContext())
        {
            // As it stood before the ledger: the completed signup without its line.
            db.HoursEntries.RemoveRange(db.HoursEntries);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await desk.Database.InitializeAsync(desk.Clock.GetUtcNow());
        await desk.Database.InitializeAsync(desk.Clock.GetUtcNow());
        var mine = await desk.QueryAsync(new GetMyHoursQuery(Volunteer));

        Assert.Equal(1.5m, mine.Total);
        var line = Assert.Single(mine.Entries);
        Assert.Equal(("迎新引导", "2025-2026-2", false), (line.Shift, line.Term, line.IsManual));
    }

    private static async Task<StaffDesk> CreateAsync(DatabaseProvider provider)
    {
        var desk = await StaffDesk.CreateAsync(provider, ShiftStart.AddDays(-1));
        await desk.SendAsync(new CreateStaffMemberCommand("demo-staff", Coordinator, "李老师", "8001", StaffRole.Dispatcher, null));
        await desk.SendAsync(new CreateStaffMemberCommand("demo-staff", "worker.zhao", "赵师傅", "1002", StaffRole.Worker, ReferenceDataSeed.TeamId("WATER-ELEC")));
        return desk;
    }

    /// <summary>Claim the day before, check in at 08:50, check out at 10:40.</summary>
    private static async Task<CompleteShiftResult> WorkShiftAsync(StaffDesk desk)
    {
        var shift = await desk.Services.AddShiftAsync(ShiftStart, TimeSpan.FromHours(2), capacity: 3, "迎新引导");
        await desk.SendAsync(new ClaimShiftCommand(Volunteer, shift.Id));
        desk.Clock.SetUtcNow(ShiftStart.AddMinutes(-10));
        await desk.SendAsync(new CheckInShiftCommand(Volunteer, shift.Id));
        desk.Clock.SetUtcNow(ShiftStart.AddMinutes(100));
        return await desk.SendAsync(new CompleteShiftCommand(Volunteer, shift.Id));
    }

    private static async Task<string> RefusedAsync(StaffDesk desk, RecordManualHoursCommand command) =>
        (await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(command))).Code;
}
