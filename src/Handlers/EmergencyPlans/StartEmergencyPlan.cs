using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>
/// Starts an emergency plan for an incident: the template's steps become tasks for their roles, the people holding
/// them are told on WeCom, and the building's residents get the template's notice.
/// </summary>
/// <param name="TemplateId">The plan to start; null = the active plan of the incident's trade.</param>
/// <param name="Expected">When service should be back (the notice's <c>{expected}</c>), e.g. 今晚22:00.</param>
/// <param name="Automatic">Started by the early-warning monitor (<c>Plans:AutoStart</c>), not by a staff member.</param>
public sealed record StartEmergencyPlanCommand(Guid IncidentId, string ActorUserId, Guid? TemplateId, string? Expected, bool Automatic = false)
    : ICommand<StartedEmergencyPlan>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ActorUserId), ActorUserId),
        .. InputRules.Optional(nameof(Expected), Expected, EmergencyPlan.MaxExpectedLength, "预计恢复时间"),
    ];
}

/// <param name="NoticeRecipients">How many residents the building notice went to.</param>
public sealed record StartedEmergencyPlan(EmergencyPlanView Plan, Guid AnnouncementId, int NoticeRecipients);

/// <remarks>
/// One transaction: the plan is added to this scope's unit of work and the notice is published through
/// <see cref="AnnounceIncidentCommand"/> in the same scope, whose save commits both (with the tasks' WeCom messages and
/// the residents' notices in the outbox) — or neither. Two staff starting at once: one plan per incident (unique in
/// storage) and the incident's version make the second save fail; it reloads and is told the plan is already running.
/// </remarks>
public sealed class StartEmergencyPlanCommandHandler(IAppDbContext db, IMemoryCache cache, ISender sender, TimeProvider time)
    : ICommandHandler<StartEmergencyPlanCommand, StartedEmergencyPlan>
{
    private const int Attempts = 3;

    public async ValueTask<StartedEmergencyPlan> Handle(StartEmergencyPlanCommand command, CancellationToken ct)
    {
        var startedBy = command.Automatic ? Incident.SystemActor : await StarterAsync(command.ActorUserId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var incident = await IncidentViews.LoadAsync(db, command.IncidentId, ct);
            if (incident.Plan is not null)
            {
                throw Incident.AlreadyStarted();
            }

            var template = await TemplateAsync(incident, command.TemplateId, ct);
            var assignments = await PlanPeople.ResolveAsync(db, cache, incident, template.Steps, ct);
            var plan = incident.StartPlan(template, assignments, command.Expected, startedBy, time.GetUtcNow());
            var building = (await IncidentViews.SummariesAsync(db, [incident], ct))[0].Building;
            var (title, body) = template.RenderNotice(building, plan.Expected);
            try
            {
                var notice = await sender.Send(new AnnounceIncidentCommand(incident.Id, title, body, startedBy), ct);
                var saved = await db.EmergencyPlans.AsNoTracking().SingleAsync(p => p.IncidentId == command.IncidentId, ct);
                return new StartedEmergencyPlan(await EmergencyPlanViews.ViewAsync(db, saved, ct), notice.Id, notice.Recipients);
            }
            catch (Exception ex) when (attempt < Attempts && StorageConflict.Is(ex))
            {
                // Another start (or a report linked meanwhile): decide again on what is stored now.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<string> StarterAsync(string userId, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, userId, ct);
        if (!actor.IsDispatcher)
        {
            throw new DomainException("staff.forbidden", "只有调度员或管理员可以启动应急预案。");
        }

        return actor.UserId;
    }

    private async Task<PlanTemplate> TemplateAsync(Incident incident, Guid? templateId, CancellationToken ct)
    {
        if (templateId is { } id)
        {
            return await db.PlanTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw PlanTemplateAccess.NotFound();
        }

        var template = await db.PlanTemplates.AsNoTracking()
            .Where(t => t.IsActive && t.CategoryId == incident.CategoryId)
            .OrderBy(t => t.Code)
            .FirstOrDefaultAsync(ct);
        if (template is null)
        {
            var category = await db.RepairCategories.AsNoTracking().Where(c => c.Id == incident.CategoryId).Select(c => c.Name).SingleOrDefaultAsync(ct);
            throw new DomainException("plan.template_required", $"「{category ?? "该"}」类事件没有对应的应急预案，请选择一个预案后再启动。");
        }

        return template;
    }
}
