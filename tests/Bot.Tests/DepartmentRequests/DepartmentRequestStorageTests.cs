using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.Tests.DepartmentRequests;

/// <summary>Filing, the approval chain and the tickets of approved maintenance requests, on both engines.</summary>
public sealed class DepartmentRequestStorageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BelowTheThreshold_OneStep_AboveIt_Two_AndEachApprovedMaintenanceRequestBecomesOneLinkedTicket(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await RequestDesk.CreateAsync(database);

        var small = await desk.FileAsync(4999.99m);
        var large = await desk.FileAsync(5000m);
        var smallApproved = await desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, small.Number, "同意", 1));
        var largeFirst = await desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, large.Number, null, 1));
        var headQueue = await desk.AwaitingAsync(RequestDesk.Head);
        var largeApproved = await desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Head, large.Number, "抓紧施工", 2));

        Assert.Equal("D20260302-0001", small.Number);
        Assert.Equal(["科员审核"], small.Steps);
        Assert.Equal(["科员审核", "主任审批"], large.Steps);
        Assert.Equal((RequestStatus.Approved, 1, 1), (smallApproved.Status, smallApproved.ApprovedSteps, smallApproved.TotalSteps));
        Assert.Equal((RequestStatus.Submitted, "主任审批", (string?)null), (largeFirst.Status, largeFirst.NextStep, largeFirst.TicketNumber));
        Assert.Equal([large.Number], headQueue.Items.Select(i => i.Number));
        Assert.Equal(RequestStatus.Approved, largeApproved.Status);

        var tickets = await desk.TicketsFromRequestsAsync();
        Assert.Equal(2, tickets.Count);
        foreach (var (filed, decision) in new[] { (small, smallApproved), (large, largeApproved) })
        {
            var request = await desk.LoadAsync(filed.Number);
            var ticket = Assert.Single(tickets, t => t.Id == request.TicketId);
            Assert.Equal(decision.TicketNumber, ticket.Number.ToString());
            // Category OTHER routes to the general team, which has no workers here: the ticket waits in its queue.
            Assert.Equal(
                (RequestDesk.CsContact, "东区教学楼302", TicketStatus.Submitted, (Guid?)ReferenceDataSeed.TeamId(ReferenceDataSeed.GeneralTeam)),
                (ticket.ReporterOpenId, ticket.LocationText, ticket.Status, ticket.TeamId));
            Assert.StartsWith($"【部门申报 {filed.Number}】计算机学院：", ticket.Description, StringComparison.Ordinal);
            Assert.Equal(RequestAction.TicketOpened, request.Timeline[^1].Action);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FinalApproval_SentTwice_OrConcurrently_MakesExactlyOneTicket(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await RequestDesk.CreateAsync(database);
        var twice = await desk.FileAsync(300m);
        var raced = await desk.FileAsync(8000m);
        await desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, raced.Number, null, 1));

        await desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, twice.Number, null, 1));
        var resent = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, twice.Number, null, 1)));
        var resentWithoutStep = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, twice.Number, null)));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                var who = i % 2 == 0 ? RequestDesk.Head : StaffWork.StaffDesk.Admin;
                return (await desk.SendAsync(new ApproveDepartmentRequestCommand(who, raced.Number, null, i < 3 ? 2 : null))).Status.ToString();
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        }));

        Assert.Equal("department_request.already_decided", resent.Code);
        Assert.Equal("department_request.already_decided", resentWithoutStep.Code);
        Assert.Equal(1, outcomes.Count(o => o == nameof(RequestStatus.Approved)));
        Assert.All(outcomes.Where(o => o != nameof(RequestStatus.Approved)), o => Assert.Contains(o, new[] { "department_request.already_decided", "department_request.step_decided" }));
        var tickets = await desk.TicketsFromRequestsAsync();
        Assert.Equal(2, tickets.Count);
        var racedRequest = await desk.LoadAsync(raced.Number);
        Assert.Equal(2, racedRequest.Timeline.Count(e => e.Action == RequestAction.StepApproved));
        Assert.Equal(1, racedRequest.Timeline.Count(e => e.Action == RequestAction.TicketOpened));
        Assert.Single(tickets, t => t.Id == racedRequest.TicketId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RefusedFilings_AndRefusedDecisions_ChangeNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await RequestDesk.CreateAsync(database);

        var stranger = await Assert.ThrowsAsync<DomainException>(() => desk.FileAsync(100m, contact: "o-somebody"));
        var past = await Assert.ThrowsAsync<DomainException>(() => desk.FileAsync(100m, wanted: new DateOnly(2026, 3, 1)));
        var otherDepartment = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new FileDepartmentRequestCommand(
            RequestDesk.CsContact, false, RequestDesk.Fl, RequestKind.Purchase, "买椅子", null, 100m, new DateOnly(2026, 3, 9))));
        var countAfterRefusals = await desk.CountRequestsAsync();
        var filed = await desk.FileAsync(6000m);
        var byHeadFirst = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Head, filed.Number, null)));
        var byWorker = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new RejectDepartmentRequestCommand(StaffWork.StaffDesk.Wang, filed.Number, "不批")));
        var skipping = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, filed.Number, null, 2)));

        Assert.StartsWith("部门申报仅限已登记的部门联系人使用。如需开通，", stranger.Message, StringComparison.Ordinal);
        Assert.Equal("期望日期不能早于今天。", past.Message);
        Assert.Equal("department_request.forbidden", otherDepartment.Code);
        Assert.Equal(0, countAfterRefusals);
        Assert.Equal("D20260302-0001", filed.Number);   // the refusals used no number
        Assert.Equal(["department_request.forbidden", "department_request.forbidden", "department_request.step_pending"], [byHeadFirst.Code, byWorker.Code, skipping.Code]);
        var stored = await desk.LoadAsync(filed.Number);
        Assert.Equal((RequestStatus.Submitted, 0, 1), (stored.Status, stored.ApprovedSteps, stored.Timeline.Count));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RejectWithComment_EndsTheChain_AndTheSameKey_FilesOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await RequestDesk.CreateAsync(database);

        var first = await desk.FileAsync(9000m, RequestKind.Purchase, key: "k-1");
        var again = await desk.FileAsync(9000m, RequestKind.Purchase, key: "k-1");
        var rejected = await desk.SendAsync(new RejectDepartmentRequestCommand(RequestDesk.Clerk, first.Number, "请补充报价单"));
        var afterwards = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Head, first.Number, null)));

        Assert.Equal((first.Id, true), (again.Id, again.AlreadyExisted));
        Assert.Equal(1, await desk.CountRequestsAsync());
        Assert.Equal((RequestStatus.Rejected, 0), (rejected.Status, rejected.ApprovedSteps));
        Assert.Equal("department_request.already_decided", afterwards.Code);
        var stored = await desk.LoadAsync(first.Number);
        var entry = stored.Timeline[^1];
        Assert.Equal((RequestAction.Rejected, RequestDesk.Clerk, 1, "科员审核", "请补充报价单"), (entry.Action, entry.ActorId, entry.Step, entry.StepName, entry.Comment));
        Assert.Empty(await desk.TicketsFromRequestsAsync());
    }

    /// <summary>
    /// Hand-computed: CS files 1200 (approved), 6000 (rejected), 300.50 (pending), 800 (withdrawn); FL files 2500.25 and
    /// 99.99 (both approved); a CS request of 50 filed 40 days later falls outside the period.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CostReport_MatchesHandComputedTotals(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await RequestDesk.CreateAsync(database);
        var approved = await desk.FileAsync(1200m, RequestKind.Purchase);
        var rejected = await desk.FileAsync(6000m, RequestKind.EventSupport);
        await desk.FileAsync(300.50m, RequestKind.VenueSupport);
        var withdrawn = await desk.FileAsync(800m, RequestKind.Purchase);
        var fl1 = await desk.FileAsync(2500.25m, RequestKind.Purchase, RequestDesk.FlContact);
        var fl2 = await desk.FileAsync(99.99m, RequestKind.Purchase, RequestDesk.FlContact);
        foreach (var number in new[] { approved.Number, fl1.Number, fl2.Number })
        {
            await desk.SendAsync(new ApproveDepartmentRequestCommand(RequestDesk.Clerk, number, null));
        }

        await desk.SendAsync(new RejectDepartmentRequestCommand(RequestDesk.Clerk, rejected.Number, "超预算"));
        await desk.SendAsync(new WithdrawDepartmentRequestCommand(RequestDesk.CsContact, withdrawn.Number));
        desk.Staff.Clock.Advance(TimeSpan.FromDays(40));
        await desk.FileAsync(50m, RequestKind.Purchase, wanted: new DateOnly(2026, 4, 20));

        var report = await desk.ReportAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1));

        var cs = report.Departments.Single(d => d.Code == "CS");
        var fl = report.Departments.Single(d => d.Code == "FL");
        var youth = report.Departments.Single(d => d.Code == "YOUTH");
        Assert.Equal(new DepartmentCostRow(RequestDesk.Cs, "CS", "计算机学院", 3, 7500.50m, 1, 1200m, 1, 6000m, 1, 300.50m, 1), cs);
        Assert.Equal(new DepartmentCostRow(RequestDesk.Fl, "FL", "外国语学院", 2, 2600.24m, 2, 2600.24m, 0, 0m, 0, 0m, 0), fl);
        Assert.Equal((0, 0m), (youth.RequestedCount, youth.RequestedTotal));
        Assert.Equal(new DepartmentCostRow(null, "", "合计", 5, 10100.74m, 3, 3800.24m, 1, 6000m, 1, 300.50m, 1), report.Total);
    }
}
