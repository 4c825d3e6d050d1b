using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// The hours ledger (志愿时长). Staff (dispatchers and admins, the coordinators): <c>POST /api/staff/volunteer-hours</c>
/// (a manual entry or correction) and <c>GET /api/staff/volunteer-hours[.csv]?term=2026-2027-1</c>. Students, in the
/// mini-program: <c>GET /api/mini/volunteer/hours</c>, <c>…/hours.csv</c> and the printable <c>…/hours/certificate</c>.
/// </summary>
public static class VolunteerHoursEndpoints
{
    // The certificate is static HTML: no script, no framing, only its own inline style.
    private const string CertificatePolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapVolunteerHoursEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(StaffRoles.DispatcherPolicy);
        staff.MapPost("/volunteer-hours", RecordAsync).WithSummary("Enter volunteer hours by hand, or correct them (negative), with a reason");
        staff.MapGet("/volunteer-hours", TermAsync).WithSummary("Every volunteer's hours in a term");
        staff.MapGet("/volunteer-hours.csv", TermCsvAsync).WithSummary("Every volunteer's hours in a term, as CSV");
        return app;
    }

    /// <summary>The student's side, on the mini-program's authenticated, rate-limited group.</summary>
    public static RouteGroupBuilder MapMiniHoursEndpoints(this RouteGroupBuilder student)
    {
        var hours = student.MapGroup("/volunteer").WithTags("Mini program: volunteering");
        hours.MapGet("/hours", async Task<Ok<MyHours>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyHoursQuery(MiniTokens.OpenIdOf(user)), ct))).WithSummary("My volunteer hours per term, with the ledger");
        hours.MapGet("/hours.csv", async Task<FileContentHttpResult> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.File(VolunteerHoursExports.MineCsv(await sender.Send(new GetMyHoursQuery(MiniTokens.OpenIdOf(user)), ct)), "text/csv; charset=utf-8", "volunteer-hours.csv"))
            .WithSummary("My volunteer hours as CSV");
        hours.MapGet("/hours/certificate", CertificateAsync).WithSummary("My volunteer hours certificate, printable HTML");
        return student;
    }

    private static async Task<Created<ManualHoursResult>> RecordAsync(ManualHoursRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RecordManualHoursCommand(StaffTicketEndpoints.ActorOf(user), body.VolunteerOpenId ?? "", body.Hours, body.Reason, body.EarnedOn), ct);
        return TypedResults.Created($"/api/staff/volunteer-hours?term={result.Term}", result);
    }

    private static async Task<Ok<TermHoursReport>> TermAsync(string? term, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListTermHoursQuery(StaffTicketEndpoints.ActorOf(user), term ?? CurrentTerm(time)), ct));

    private static async Task<FileContentHttpResult> TermCsvAsync(string? term, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct)
    {
        var report = await sender.Send(new ListTermHoursQuery(StaffTicketEndpoints.ActorOf(user), term ?? CurrentTerm(time)), ct);
        return TypedResults.File(VolunteerHoursExports.TermCsv(report), "text/csv; charset=utf-8", $"volunteer-hours-{report.Term}.csv");
    }

    private static async Task<ContentHttpResult> CertificateAsync(HttpContext http, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct)
    {
        var hours = await sender.Send(new GetMyHoursQuery(MiniTokens.OpenIdOf(user)), ct);
        http.Response.Headers.ContentSecurityPolicy = CertificatePolicy;
        return TypedResults.Content(VolunteerHoursExports.Certificate(hours, time.GetUtcNow()), "text/html; charset=utf-8");
    }

    private static string CurrentTerm(TimeProvider time) => Domain.Volunteering.VolunteerTerm.Of(CampusTime.DateOf(time.GetUtcNow())).Code;
}

/// <param name="EarnedOn">The campus day the hours were earned (decides the term); today when omitted.</param>
public sealed record ManualHoursRequest(string? VolunteerOpenId, decimal Hours, string? Reason, DateOnly? EarnedOn);
