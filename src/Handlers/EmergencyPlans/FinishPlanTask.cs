using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>Someone holding the task's role marks it done, with an optional note.</summary>
public sealed record CompletePlanTaskCommand(Guid IncidentId, int Number, string ActorUserId, string? Note) : ICommand<EmergencyPlanView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => PlanTaskInput.Validate(ActorUserId, Number, Note);
}

/// <summary>Someone holding the task's role skips it; the reason is required and goes on the timeline.</summary>
public sealed record SkipPlanTaskCommand(Guid IncidentId, int Number, string ActorUserId, string? Reason) : ICommand<EmergencyPlanView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => PlanTaskInput.Validate(ActorUserId, Number, Reason);
}

internal static class PlanTaskInput
{
    public static IEnumerable<ValidationError> Validate(string actorUserId, int number, string? note) =>
    [
        .. InputRules.UserId("ActorUserId", actorUserId),
        .. InputRules.Unless(number >= 1, "Number", "任务序号从1开始。"),
        .. InputRules.Optional("Note", note, PlanTask.MaxNoteLength, "备注"),
    ];
}

/// <summary>Two people finishing tasks of one plan at once: the plan's version settles it, the loser retries on a fresh read.</summary>
public sealed class FinishPlanTaskHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<CompletePlanTaskCommand, EmergencyPlanView>, ICommandHandler<SkipPlanTaskCommand, EmergencyPlanView>
{
    private const int Attempts = 3;

    public ValueTask<EmergencyPlanView> Handle(CompletePlanTaskCommand command, CancellationToken ct) =>
        FinishAsync(command.IncidentId, command.ActorUserId, (incident, actor) => incident.CompleteTask(command.Number, actor, command.Note, time.GetUtcNow()), ct);

    public ValueTask<EmergencyPlanView> Handle(SkipPlanTaskCommand command, CancellationToken ct) =>
        FinishAsync(command.IncidentId, command.ActorUserId, (incident, actor) => incident.SkipTask(command.Number, actor, command.Reason, time.GetUtcNow()), ct);

    private async ValueTask<EmergencyPlanView> FinishAsync(
        Guid incidentId, string actorUserId, Action<Domain.Incidents.Incident, Domain.Staff.StaffMember> finish, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, actorUserId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var incident = await IncidentViews.LoadAsync(db, incidentId, ct);
            finish(incident, actor);
            try
            {
                await db.SaveChangesAsync(ct);
                return await EmergencyPlanViews.ViewAsync(db, incident.Plan!, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
