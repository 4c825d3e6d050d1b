using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Kpis;
using WechatLogistics.Handlers.Sla;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// Service-quality KPIs and SLA warnings for staff (Staff policy): <c>GET /api/staff/kpis?from=&amp;to=&amp;by=</c> (campus
/// dates, <c>to</c> exclusive; default the last 30 days, overall), the same as CSV at <c>/api/staff/kpis.csv</c>, the
/// daily series at <c>/api/staff/kpis/daily?days=30</c>, and <c>/api/staff/sla/warnings</c>.
/// </summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(StaffRoles.Policy);
        staff.MapGet("/kpis", GetAsync);
        staff.MapGet("/kpis.csv", CsvAsync);
        staff.MapGet("/kpis/daily", DailyAsync);
        staff.MapGet("/sla/warnings", WarningsAsync);
        return app;
    }

    private static async Task<Ok<KpiReport>> GetAsync(DateOnly? from, DateOnly? to, string? by, ISender sender, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(Query(from, to, by, time), ct));

    private static async Task<FileContentHttpResult> CsvAsync(DateOnly? from, DateOnly? to, string? by, ISender sender, TimeProvider time, CancellationToken ct)
    {
        var report = await sender.Send(Query(from, to, by, time), ct);
        var name = $"kpis-{report.By.ToString().ToLowerInvariant()}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv";
        return TypedResults.File(KpiCsv.Write(report), "text/csv; charset=utf-8", name);
    }

    private static async Task<Ok<IReadOnlyList<KpiDay>>> DailyAsync(int? days, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetKpiSeriesQuery(days ?? 30), ct));

    private static async Task<Ok<IReadOnlyList<SlaWarning>>> WarningsAsync(int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListSlaWarningsQuery(limit ?? 200), ct));

    private static GetKpisQuery Query(DateOnly? from, DateOnly? to, string? by, TimeProvider time)
    {
        var end = to ?? CampusTime.DateOf(time.GetUtcNow()).AddDays(1);
        var dimension = string.IsNullOrWhiteSpace(by) ? KpiDimension.Overall
            : Enum.TryParse<KpiDimension>(by, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(by, out _) ? parsed
            : (KpiDimension)0; // rejected by the query's validation with the allowed values
        return new GetKpisQuery(from ?? end.AddDays(-30), end, dimension);
    }
}
