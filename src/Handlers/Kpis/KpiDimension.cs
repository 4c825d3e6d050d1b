namespace WechatLogistics.Handlers.Kpis;

/// <summary>
/// What KPIs are grouped by: data, not code paths. Each member is one group-key expression in the reader's SQL
/// (<c>KpiGroupKeys</c> in the Bot) and one way to name the keys (<see cref="KpiLabels"/>): adding a dimension is one
/// case in each.
/// </summary>
public enum KpiDimension
{
    /// <summary>One group: the whole office.</summary>
    Overall = 1,

    /// <summary>The trade: the top-level category (水, 电, …).</summary>
    Category = 2,

    /// <summary>The building of the ticket's place (its floor's or room's building).</summary>
    Building = 3,

    /// <summary>The assignee (WeCom UserId).</summary>
    Worker = 4,

    /// <summary>The campus-local day (UTC+8): of the report for most figures, of the closing for "closed".</summary>
    Day = 5,

    /// <summary>The maintenance team the ticket was routed to (none while it waits for dispatch).</summary>
    Team = 6,
}
