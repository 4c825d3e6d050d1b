using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ScoreCards;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// Score cards (目标责任 + 量化考核): <c>GET /api/staff/score-cards?from=&amp;to=&amp;by=team|worker</c> (campus dates, <c>to</c>
/// exclusive; default the last full month, by team) and the same as CSV at <c>/api/staff/score-cards.csv</c> for
/// dispatchers and admins; <c>POST /api/staff/score-cards/lock</c> for admins.
/// </summary>
public static class ScoreCardEndpoints
{
    public static IEndpointRouteBuilder MapScoreCardEndpoints(this IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/api/staff").WithTags("Staff");
        cards.MapGet("/score-cards", GetAsync).RequireAuthorization(StaffRoles.DispatcherPolicy).WithSummary("Score cards of a period per team or worker");
        cards.MapGet("/score-cards.csv", CsvAsync).RequireAuthorization(StaffRoles.DispatcherPolicy).WithSummary("Score cards as CSV");
        cards.MapPost("/score-cards/lock", LockAsync).RequireAuthorization(StaffRoles.AdminPolicy).WithSummary("Lock an ended period: its cards stop changing");
        return app;
    }

    private static async Task<Ok<ScoreCardReport>> GetAsync(DateOnly? from, DateOnly? to, string? by, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(Query(user, from, to, by, time), ct));

    private static async Task<FileContentHttpResult> CsvAsync(DateOnly? from, DateOnly? to, string? by, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct)
    {
        var report = await sender.Send(Query(user, from, to, by, time), ct);
        var name = $"score-cards-{report.Scope.ToString().ToLowerInvariant()}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv";
        return TypedResults.File(ScoreCardCsv.Write(report), "text/csv; charset=utf-8", name);
    }

    private static async Task<Ok<ScoreCardReport>> LockAsync(LockScoreCardsRequest request, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct)
    {
        var (from, to) = Period(request.From, request.To, time);
        return TypedResults.Ok(await sender.Send(new LockScoreCardPeriodCommand(StaffTicketEndpoints.ActorOf(user), from, to, Scope(request.By)), ct));
    }

    private static GetScoreCardsQuery Query(ClaimsPrincipal user, DateOnly? from, DateOnly? to, string? by, TimeProvider time)
    {
        var (start, end) = Period(from, to, time);
        return new GetScoreCardsQuery(StaffTicketEndpoints.ActorOf(user), start, end, Scope(by));
    }

    /// <summary>Given dates as they are; a missing one from the last full campus month.</summary>
    private static (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to, TimeProvider time)
    {
        var today = CampusTime.DateOf(time.GetUtcNow());
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        return (from ?? monthStart.AddMonths(-1), to ?? monthStart);
    }

    private static ScoreCardScope Scope(string? by) =>
        string.IsNullOrWhiteSpace(by) ? ScoreCardScope.Team
        : Enum.TryParse<ScoreCardScope>(by, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(by, out _) ? parsed
        : 0; // rejected by the validation with the allowed values
}

/// <param name="By">team (default) or worker.</param>
public sealed record LockScoreCardsRequest(DateOnly? From, DateOnly? To, string? By);
