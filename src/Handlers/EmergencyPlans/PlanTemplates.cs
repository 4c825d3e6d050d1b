using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffAdmin;

namespace WechatLogistics.Handlers.EmergencyPlans;

public sealed record PlanTemplateView(
    Guid Id, string Code, string Name, string Kind, Guid? CategoryId, bool AutoStart, string NoticeTitle, string NoticeBody, bool IsActive, IReadOnlyList<PlanStep> Steps)
{
    public static PlanTemplateView Of(PlanTemplate t) =>
        new(t.Id, t.Code, t.Name, t.Kind, t.CategoryId, t.AutoStart, t.NoticeTitle, t.NoticeBody, t.IsActive, t.Steps);
}

/// <summary>What an admin sends to create or change a template (the code is fixed once created).</summary>
public sealed record PlanTemplateInput(
    string Name, string Kind, Guid? CategoryId, bool AutoStart, string NoticeTitle, string NoticeBody, IReadOnlyList<PlanStep> Steps, bool IsActive = true);

public sealed record ListPlanTemplatesQuery(string ActorUserId) : IQuery<IReadOnlyList<PlanTemplateView>>;

public sealed record CreatePlanTemplateCommand(string ActorUserId, string Code, PlanTemplateInput Template) : ICommand<PlanTemplateView>;

public sealed record UpdatePlanTemplateCommand(string ActorUserId, Guid Id, PlanTemplateInput Template) : ICommand<PlanTemplateView>;

internal static class PlanTemplateAccess
{
    public static DomainException NotFound() => new("plan_template.not_found", "没有找到这个应急预案。");
}

/// <summary>
/// Plan templates are reference data: any staff member reads them, admins create and change them. A trade has at most
/// one active template (the one its incidents start by default); a named team in a step must exist.
/// </summary>
public sealed class PlanTemplatesHandler(IAppDbContext db)
    : IQueryHandler<ListPlanTemplatesQuery, IReadOnlyList<PlanTemplateView>>,
        ICommandHandler<CreatePlanTemplateCommand, PlanTemplateView>,
        ICommandHandler<UpdatePlanTemplateCommand, PlanTemplateView>
{
    public async ValueTask<IReadOnlyList<PlanTemplateView>> Handle(ListPlanTemplatesQuery query, CancellationToken ct)
    {
        await AdminAccess.StaffAsync(db, query.ActorUserId, ct);
        return [.. (await db.PlanTemplates.AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct)).Select(PlanTemplateView.Of)];
    }

    public async ValueTask<PlanTemplateView> Handle(CreatePlanTemplateCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var input = command.Template;
        var template = PlanTemplate.Create(command.Code, input.Name, input.Kind, input.CategoryId, input.AutoStart, input.NoticeTitle, input.NoticeBody, input.Steps ?? []);
        if (await db.PlanTemplates.AnyAsync(t => t.Code == template.Code, ct))
        {
            throw AdminAccess.Duplicate("plan_template", $"已有编码为 {template.Code} 的预案。");
        }

        await CheckAsync(template, ct);
        db.PlanTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return PlanTemplateView.Of(template);
    }

    public async ValueTask<PlanTemplateView> Handle(UpdatePlanTemplateCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var template = await db.PlanTemplates.SingleOrDefaultAsync(t => t.Id == command.Id, ct) ?? throw PlanTemplateAccess.NotFound();
        var input = command.Template;
        template.Update(input.Name, input.Kind, input.CategoryId, input.AutoStart, input.NoticeTitle, input.NoticeBody, input.Steps ?? []);
        AdminAccess.SetActive(input.IsActive, template.Activate, template.Deactivate);
        await CheckAsync(template, ct);
        await db.SaveChangesAsync(ct);
        return PlanTemplateView.Of(template);
    }

    private async Task CheckAsync(PlanTemplate template, CancellationToken ct)
    {
        if (template.CategoryId is { } category)
        {
            if (!await db.RepairCategories.AnyAsync(c => c.Id == category && c.ParentId == null, ct))
            {
                throw new DomainException("plan_template.invalid", "对应的报修类别须是一个大类（如 水、电）。");
            }

            if (template.IsActive && await db.PlanTemplates.AnyAsync(t => t.Id != template.Id && t.IsActive && t.CategoryId == category, ct))
            {
                throw AdminAccess.Duplicate("plan_template", "这个报修大类已有启用的预案，请先停用那一个。");
            }
        }

        var teams = template.Steps.Where(s => s.TeamId is not null).Select(s => s.TeamId!.Value).Distinct().ToList();
        if (teams.Count > 0 && await db.Teams.CountAsync(t => teams.Contains(t.Id), ct) != teams.Count)
        {
            throw new DomainException("plan_template.invalid", "步骤中指定的班组不存在。");
        }
    }
}
