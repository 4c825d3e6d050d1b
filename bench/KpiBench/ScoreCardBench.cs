using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Kpis;
using WechatLogistics.Handlers.ScoreCards;
using static WechatLogistics.KpiBench.KpiProgram;

namespace WechatLogistics.KpiBench;

/// <summary>
/// <c>kpi-bench --score-cards</c>: the score cards of every team and every worker for the whole loaded period, timed beside
/// the KPI query of the same dimension (what the cards read) and the plain count, all in the same run.
/// </summary>
internal static class ScoreCardBench
{
    /// <summary>The seeded demo admin: the score-card query checks its reader's role.</summary>
    private const string Reader = "demo-staff";

    public static async Task RunAsync(IServiceProvider services, DateOnly from, DateOnly to, int runs, double baseline)
    {
        foreach (var (scope, by) in new[] { (ScoreCardScope.Team, KpiDimension.Team), (ScoreCardScope.Worker, KpiDimension.Worker) })
        {
            var kpis = await MedianAsync(runs, () => KpisAsync(services, from, to, by));
            var cards = await MedianAsync(runs, () => CardsAsync(services, from, to, scope));
            Console.WriteLine(Invariant($"KPI query by {by,-6}: median {kpis,7:F0} ms  = {kpis / baseline,5:F1}x the count"));
            Console.WriteLine(Invariant($"score cards, {scope,-6}: median {cards,7:F0} ms  = {cards / baseline,5:F1}x the count, {cards / kpis:F2}x the KPI query by {by}"));
        }
    }

    /// <summary>The team each category's tickets go to: its routing rule (or its parent's), else the default rule's.</summary>
    public static async Task<IReadOnlyList<Guid?>> TeamsOfAsync(AppDbContext db, IReadOnlyList<Guid> categories, CancellationToken ct)
    {
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.BuildingId == null).ToListAsync(ct);
        var parents = await db.RepairCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        var fallback = rules.FirstOrDefault(r => r.CategoryId == null)?.TeamId;
        return [.. categories.Select(c => rules.FirstOrDefault(r => r.CategoryId == c)?.TeamId
            ?? rules.FirstOrDefault(r => r.CategoryId == parents[c])?.TeamId ?? fallback)];
    }

    private static async Task CardsAsync(IServiceProvider services, DateOnly from, DateOnly to, ScoreCardScope scope)
    {
        await using var serviceScope = services.CreateAsyncScope();
        var report = await serviceScope.ServiceProvider.GetRequiredService<ISender>().Send(new GetScoreCardsQuery(Reader, from, to, scope));
        if (report.Cards.Count == 0)
        {
            throw new InvalidOperationException("The score cards found nothing.");
        }
    }
}
