using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>A new request: the approvers of its first step get a WeCom app message with the gist and the chat command.</summary>
public sealed class AlertApproversWhenDepartmentRequestSubmitted : DomainEventMapper<DepartmentRequestSubmitted>
{
    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(DepartmentRequestSubmitted submitted, IAppDbContext db, CancellationToken ct)
    {
        var request = await db.DepartmentRequests.FindAsync([submitted.RequestId], ct);
        return request is null ? [] : await DepartmentRequestNotices.AlertApproversAsync(db, request, submitted.At, ct);
    }
}

/// <summary>
/// A decision: the filer is told of every one (a contact as a WeChat notice — customer service, subscribe message or inbox;
/// a staff filer on WeCom), and while the request is still under way the next step's approvers are alerted on WeCom.
/// </summary>
public sealed class NotifyWhenDepartmentRequestDecided(IOptionsMonitor<NotificationOptions> options) : DomainEventMapper<DepartmentRequestDecided>
{
    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(DepartmentRequestDecided decided, IAppDbContext db, CancellationToken ct)
    {
        var request = await db.DepartmentRequests.FindAsync([decided.RequestId], ct);
        if (request is null)
        {
            return [];
        }

        var text = decided.Action == RequestAction.Rejected
            ? $"很抱歉，您的申报 {decided.Number} 在「{decided.StepName}」被驳回：{decided.Comment}"
            : decided.Status == RequestStatus.Approved
                ? $"您的申报 {decided.Number} 已审批通过。" + (request.Kind == RequestKind.Maintenance ? "维修工程已转为报修单，后勤将安排维修。" : "后勤办将按期安排。")
                : $"您的申报 {decided.Number} 已通过「{decided.StepName}」，正在等待「{request.CurrentStep?.Name}」审批。";
        if (decided.Comment is { } comment && decided.Action != RequestAction.Rejected)
        {
            text += $"\n审批意见：{comment}";
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"dept-request:{decided.RequestId:N}:{decided.Step}:{decided.Action}");
        OutboxItem toFiler = request.FiledByKind == RequestActorKind.Contact
            ? StudentNotice.Create(options.CurrentValue, request.FiledBy, key, "部门申报", text, decided.Number, decided.Status.Name(), decided.At, decided.Comment)
            : new OutboxItem(OutboxChannel.WeComApp, request.FiledBy, key, new OutboxContent { Title = "部门申报", Text = text });
        return decided.Status == RequestStatus.Submitted
            ? [toFiler, .. await DepartmentRequestNotices.AlertApproversAsync(db, request, decided.At, ct)]
            : [toFiler];
    }
}

internal static class DepartmentRequestNotices
{
    /// <summary>The approvers of the step waiting: its named UserIds and the active staff of its role, one WeCom message.</summary>
    public static async Task<IReadOnlyList<OutboxItem>> AlertApproversAsync(IAppDbContext db, DepartmentRequest request, DateTimeOffset at, CancellationToken ct)
    {
        if (request.CurrentStep is not { } step)
        {
            return [];
        }

        var byRole = step.Role is { } role
            ? await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Role == role).Select(s => s.UserId).ToListAsync(ct)
            : [];
        var approvers = step.UserIds.Concat(byRole).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (approvers.Count == 0)
        {
            return [];
        }

        var department = await db.Departments.FindAsync([request.DepartmentId], ct);
        var number = request.Number.ToString();
        var text = $"待审批申报 {number}（第{request.ApprovedSteps + 1}/{request.Steps.Count}步「{step.Name}」）\n" +
            $"部门：{department?.Name}\n类型：{request.Kind.Name()}\n预计费用：{request.EstimatedCost.ToString("0.00", CultureInfo.InvariantCulture)} 元\n" +
            $"期望日期：{request.WantedDate:yyyy-MM-dd}\n内容：{StudentNotice.Cut(request.Description, 60)}\n" +
            $"回复“审批 {number} 同意”或“审批 {number} 驳回 意见”。";
        var key = string.Create(CultureInfo.InvariantCulture, $"dept-request-approve:{request.Id:N}:{request.ApprovedSteps + 1}:{at.UtcTicks}");
        return [new OutboxItem(OutboxChannel.WeComApp, string.Join('|', approvers), key, new OutboxContent { Title = "部门申报待审批", Text = text })];
    }
}
