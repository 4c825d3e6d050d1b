namespace WechatLogistics.Domain.Staff;

/// <summary>The dispatch decisions as pure functions: which rule routes a ticket, and which worker gets it.</summary>
public static class TicketRouting
{
    /// <summary>
    /// The most specific of <paramref name="rules"/> matching a ticket in <paramref name="buildingId"/> filed under
    /// <paramref name="categoryId"/> (whose parent is <paramref name="parentCategoryId"/>): building + category &gt;
    /// category &gt; building &gt; default; within a tier the leaf category beats its parent. Ties (two equal rules)
    /// go to the older rule (smaller version-7 id), so the answer never depends on the order rows come back in.
    /// </summary>
    public static RoutingRule? MostSpecific(IEnumerable<RoutingRule> rules, Guid? buildingId, Guid categoryId, Guid? parentCategoryId) =>
        rules
            .Where(r => r.IsActive)
            .Select(r => (Rule: r, Score: Score(r, buildingId, categoryId, parentCategoryId)))
            .Where(x => x.Score >= 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Rule.Id)
            .Select(x => x.Rule)
            .FirstOrDefault();

    /// <summary>
    /// The worker with the fewest active tickets (Assigned, Accepted, InProgress); ties go to the lowest 工号, then
    /// UserId, so the same state always gives the same answer.
    /// </summary>
    public static StaffMember? LeastLoaded(IEnumerable<StaffMember> workers, IReadOnlyDictionary<string, int> activeLoad) =>
        workers
            .Where(w => w.IsActive && w.Role == StaffRole.Worker)
            .OrderBy(w => activeLoad.GetValueOrDefault(w.UserId))
            .ThenBy(w => w.EmployeeNo, StringComparer.Ordinal)
            .ThenBy(w => w.UserId, StringComparer.Ordinal)
            .FirstOrDefault();

    // -1: no match. Tier × 10 + category depth (2 leaf, 1 parent, 0 any).
    private static int Score(RoutingRule rule, Guid? buildingId, Guid categoryId, Guid? parentCategoryId)
    {
        if (rule.BuildingId is { } building && building != buildingId)
        {
            return -1;
        }

        var depth = rule.CategoryId switch
        {
            null => 0,
            var id when id == categoryId => 2,
            var id when id == parentCategoryId => 1,
            _ => -1,
        };
        if (depth < 0)
        {
            return -1;
        }

        var tier = (rule.BuildingId is not null, rule.CategoryId is not null) switch
        {
            (true, true) => 3,
            (false, true) => 2,
            (true, false) => 1,
            _ => 0,
        };
        return (tier * 10) + depth;
    }
}
