namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>What a department asks the logistics office for. Persisted by name: never rename.</summary>
public enum RequestKind
{
    /// <summary>维修工程: becomes a repair ticket once approved.</summary>
    Maintenance = 1,

    /// <summary>采购.</summary>
    Purchase = 2,

    /// <summary>场地后勤保障.</summary>
    VenueSupport = 3,

    /// <summary>活动保障.</summary>
    EventSupport = 4,
}
