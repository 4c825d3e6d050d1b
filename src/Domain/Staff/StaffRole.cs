namespace WechatLogistics.Domain.Staff;

/// <summary>What a staff member may do. Persisted by name: never rename.</summary>
public enum StaffRole
{
    /// <summary>维修工: works the tickets assigned to them and may claim from their team's queue.</summary>
    Worker = 1,

    /// <summary>调度员: dispatches, reassigns and rejects the tickets of their team (every team when they have none).</summary>
    Dispatcher = 2,

    /// <summary>管理员: everything, including the reference data (teams, staff, routing rules, locations, categories).</summary>
    Admin = 3,
}
