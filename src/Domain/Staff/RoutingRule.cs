using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Staff;

/// <summary>
/// Where new tickets go: (building, category) → team, either side optional ("any"). The most specific active rule
/// wins (<see cref="TicketRouting"/>): building + category, then category, then building, then the default rule.
/// </summary>
public sealed class RoutingRule : Entity
{
    private RoutingRule(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private RoutingRule()
    {
    }

    /// <summary>A location of kind Building; null = any building.</summary>
    public Guid? BuildingId { get; private set; }

    /// <summary>A category (leaf or top level, which covers its leaves); null = any category.</summary>
    public Guid? CategoryId { get; private set; }

    public Guid TeamId { get; private set; }

    public bool IsActive { get; private set; }

    /// <param name="id">A fixed id for seeded data; a new version-7 id when omitted.</param>
    public static RoutingRule Create(Guid? buildingId, Guid? categoryId, Guid teamId, Guid? id = null) =>
        teamId == Guid.Empty
            ? throw new DomainException("routing.invalid", "请选择班组。")
            : new RoutingRule(id ?? Guid.CreateVersion7()) { BuildingId = buildingId, CategoryId = categoryId, TeamId = teamId, IsActive = true };

    public void SendTo(Guid teamId) =>
        TeamId = teamId == Guid.Empty ? throw new DomainException("routing.invalid", "请选择班组。") : teamId;

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
