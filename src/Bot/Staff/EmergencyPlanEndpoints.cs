using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.EmergencyPlans;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// Emergency plans (应急预案): templates under <c>/api/staff/plan-templates</c> (everyone reads, admins edit), and an
/// incident's plan under <c>/api/staff/incidents/{id}/plan</c> (dispatchers and admins start it; the handlers check that a
/// task is finished by someone holding its role).
/// </summary>
public static class EmergencyPlanEndpoints
{
    public static IEndpointRouteBuilder MapEmergencyPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/staff/plan-templates").WithTags("Staff emergency plans").RequireAuthorization(StaffRoles.Policy);
        templates.MapGet("/", (ClaimsPrincipal u, ISender s, CancellationToken ct) => OkAsync(s, new ListPlanTemplatesQuery(Actor(u)), ct))
            .WithName("StaffListPlanTemplates").WithSummary("Emergency plan templates with their steps and notice");
        templates.MapPost("/", CreateTemplateAsync).RequireAuthorization(StaffRoles.AdminPolicy)
            .WithName("StaffCreatePlanTemplate").WithSummary("Add an emergency plan template");
        templates.MapPut("/{id:guid}", (Guid id, PlanTemplateRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdatePlanTemplateCommand(Actor(u), id, b.ToInput()), ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffUpdatePlanTemplate").WithSummary("Change a template's steps, notice, trade or active flag");

        var plan = app.MapGroup("/api/staff/incidents/{id:guid}").WithTags("Staff emergency plans").RequireAuthorization(StaffRoles.Policy);
        plan.MapPost("/plan", StartAsync).RequireAuthorization(StaffRoles.DispatcherPolicy)
            .WithName("StaffStartPlan").WithSummary("Start the incident's emergency plan: tasks to roles, a notice to the building");
        plan.MapGet("/plan", (Guid id, ISender s, CancellationToken ct) => OkAsync(s, new GetEmergencyPlanQuery(id), ct))
            .WithName("StaffGetPlan").WithSummary("The incident's plan with its tasks");
        plan.MapPost("/plan/tasks/{number:int}/complete", (Guid id, int number, PlanTaskRequest? b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new CompletePlanTaskCommand(id, number, Actor(u), b?.Note), ct))
            .WithName("StaffCompletePlanTask").WithSummary("Mark a task done (someone holding its role)");
        plan.MapPost("/plan/tasks/{number:int}/skip", (Guid id, int number, PlanTaskRequest? b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new SkipPlanTaskCommand(id, number, Actor(u), b?.Reason ?? b?.Note), ct))
            .WithName("StaffSkipPlanTask").WithSummary("Skip a task with a reason");
        plan.MapGet("/timeline", (Guid id, ISender s, CancellationToken ct) => OkAsync(s, new GetIncidentTimelineQuery(id), ct))
            .WithName("StaffIncidentTimeline").WithSummary("The incident's history: plan start, every task, the close with its summary");
        return app;
    }

    private static string Actor(ClaimsPrincipal user) => StaffTicketEndpoints.ActorOf(user);

    private static async Task<Created<PlanTemplateView>> CreateTemplateAsync(PlanTemplateRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct)
    {
        var view = await s.Send(new CreatePlanTemplateCommand(Actor(u), b.Code ?? "", b.ToInput()), ct);
        return TypedResults.Created($"/api/staff/plan-templates/{view.Id}", view);
    }

    private static async Task<Created<StartedEmergencyPlan>> StartAsync(Guid id, StartPlanRequest? b, ClaimsPrincipal u, ISender s, CancellationToken ct)
    {
        var started = await s.Send(new StartEmergencyPlanCommand(id, Actor(u), b?.TemplateId, b?.Expected), ct);
        return TypedResults.Created($"/api/staff/incidents/{id}/plan", started);
    }

    private static async Task<Ok<T>> OkAsync<T>(ISender sender, IQuery<T> query, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));

    private static async Task<Ok<T>> OkAsync<T>(ISender sender, ICommand<T> command, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(command, ct));
}

/// <param name="TemplateId">Another plan than the one of the incident's trade (e.g. 漏水/内涝 for a 水 incident).</param>
/// <param name="Expected">When service should be back, for the residents' notice: 今晚22:00.</param>
public sealed record StartPlanRequest(Guid? TemplateId, string? Expected);

public sealed record PlanTaskRequest(string? Note, string? Reason);

public sealed record PlanStepRequest(string? Title, StaffRole Role, Guid? TeamId, int? DeadlineMinutes);

public sealed record PlanTemplateRequest(
    string? Code, string? Name, string? Kind, Guid? CategoryId, bool? AutoStart, string? NoticeTitle, string? NoticeBody, IReadOnlyList<PlanStepRequest>? Steps, bool? IsActive)
{
    public PlanTemplateInput ToInput() => new(
        Name ?? "", Kind ?? "", CategoryId, AutoStart ?? false, NoticeTitle ?? "", NoticeBody ?? "",
        [.. (Steps ?? []).Select(s => new PlanStep(s.Title ?? "", s.Role, s.TeamId, s.DeadlineMinutes))], IsActive ?? true);
}
