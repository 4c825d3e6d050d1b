using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.StaffAdmin;

/// <param name="BuildingId">Null = any building.</param>
/// <param name="CategoryId">Null = any category; a top-level category covers its leaves.</param>
public sealed record RoutingRuleView(Guid Id, Guid? BuildingId, Guid? CategoryId, Guid TeamId, bool IsActive)
{
    public static RoutingRuleView Of(RoutingRule r) => new(r.Id, r.BuildingId, r.CategoryId, r.TeamId, r.IsActive);
}

public sealed record ListRoutingRulesQuery(string ActorUserId) : IQuery<IReadOnlyList<RoutingRuleView>>;

public sealed record CreateRoutingRuleCommand(string ActorUserId, Guid? BuildingId, Guid? CategoryId, Guid TeamId) : ICommand<RoutingRuleView>;

/// <summary>Send the rule's tickets to another team, or switch the rule off/on. Its (building, category) is fixed.</summary>
public sealed record UpdateRoutingRuleCommand(string ActorUserId, Guid Id, Guid TeamId, bool IsActive) : ICommand<RoutingRuleView>;

/// <summary>Each edit drops the cached rules (<see cref="ReferenceDataCache.ForgetRoutingRules"/>): the next report on this instance routes by it.</summary>
public sealed class RoutingRulesHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListRoutingRulesQuery, IReadOnlyList<RoutingRuleView>>,
        ICommandHandler<CreateRoutingRuleCommand, RoutingRuleView>,
        ICommandHandler<UpdateRoutingRuleCommand, RoutingRuleView>
{
    public async ValueTask<IReadOnlyList<RoutingRuleView>> Handle(ListRoutingRulesQuery query, CancellationToken ct)
    {
        await AdminAccess.StaffAsync(db, query.ActorUserId, ct);
        return [.. (await db.RoutingRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(RoutingRuleView.Of)];
    }

    public async ValueTask<RoutingRuleView> Handle(CreateRoutingRuleCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        await EnsureTeamAsync(command.TeamId, ct);
        if (command.BuildingId is { } buildingId
            && !await db.Locations.AnyAsync(l => l.Id == buildingId && l.Kind == LocationKind.Building, ct))
        {
            throw Invalid("没有找到这栋楼。");
        }

        if (command.CategoryId is { } categoryId && !await db.RepairCategories.AnyAsync(c => c.Id == categoryId, ct))
        {
            throw Invalid("没有找到这个报修类别。");
        }

        if (await db.RoutingRules.AnyAsync(r => r.BuildingId == command.BuildingId && r.CategoryId == command.CategoryId, ct))
        {
            throw AdminAccess.Duplicate("routing", "已有相同楼栋和类别的派单规则，请修改那一条。");
        }

        var rule = RoutingRule.Create(command.BuildingId, command.CategoryId, command.TeamId);
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(ct);
        ReferenceDataCache.ForgetRoutingRules(cache);
        return RoutingRuleView.Of(rule);
    }

    public async ValueTask<RoutingRuleView> Handle(UpdateRoutingRuleCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        await EnsureTeamAsync(command.TeamId, ct);
        var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id, ct) ?? throw AdminAccess.NotFound("routing");
        rule.SendTo(command.TeamId);
        AdminAccess.SetActive(command.IsActive, rule.Activate, rule.Deactivate);

        await db.SaveChangesAsync(ct);
        ReferenceDataCache.ForgetRoutingRules(cache);
        return RoutingRuleView.Of(rule);
    }

    private async Task EnsureTeamAsync(Guid teamId, CancellationToken ct)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == teamId, ct))
        {
            throw Invalid("没有找到这个班组。");
        }
    }

    private static DomainException Invalid(string message) => new("routing.invalid", message);
}
