namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>The Chinese words people see for kinds and statuses.</summary>
public static class DepartmentRequestTexts
{
    public static string Name(this RequestKind kind) => kind switch
    {
        RequestKind.Maintenance => "维修工程",
        RequestKind.Purchase => "采购",
        RequestKind.VenueSupport => "场地后勤保障",
        RequestKind.EventSupport => "活动保障",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Name(this RequestStatus status) => status switch
    {
        RequestStatus.Submitted => "审批中",
        RequestStatus.Approved => "已批准",
        RequestStatus.Rejected => "已驳回",
        RequestStatus.Withdrawn => "已撤回",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static readonly IReadOnlyList<RequestKind> Kinds =
        [RequestKind.Maintenance, RequestKind.Purchase, RequestKind.VenueSupport, RequestKind.EventSupport];
}
