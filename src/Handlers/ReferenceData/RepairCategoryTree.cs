using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>One category; a ticket is filed under a leaf (no children).</summary>
public sealed record RepairCategoryNode(
    Guid Id, string Name, string Code, Priority DefaultPriority, IReadOnlyList<RepairCategoryNode> Children)
{
    public bool IsLeaf => Children.Count == 0;
}

/// <summary>
/// The active category tree, with lookup by id and the "水 / 水龙头" path students read. A retired category (or one
/// under a retired parent) is not here: a caller that may meet one (an old ticket's category) asks the table when a
/// lookup comes back empty.
/// </summary>
public sealed class RepairCategoryTree
{
    private readonly Dictionary<Guid, (RepairCategoryNode Node, RepairCategoryNode? Parent)> _byId = [];

    public RepairCategoryTree(IReadOnlyList<RepairCategoryNode> roots)
    {
        Roots = roots;
        foreach (var root in roots)
        {
            Index(root, null);
        }
    }

    public IReadOnlyList<RepairCategoryNode> Roots { get; }

    /// <summary>
    /// The tree of <paramref name="active"/> categories in menu order. A child of a deactivated parent is unreachable
    /// from the roots, so it drops out with its parent.
    /// </summary>
    public static RepairCategoryTree From(IReadOnlyList<RepairCategory> active) => new(NodesUnder(null, active));

    public RepairCategoryNode? Find(Guid id) => _byId.TryGetValue(id, out var found) ? found.Node : null;

    public RepairCategoryNode? ParentOf(Guid id) => _byId.TryGetValue(id, out var found) ? found.Parent : null;

    /// <summary>The top-level category (水, 电, …) a category belongs to (itself at the top); null when the id is not active.</summary>
    public Guid? TradeOf(Guid id) => _byId.TryGetValue(id, out var found) ? (found.Parent ?? found.Node).Id : null;

    /// <summary>The trade and its active sub-categories; empty when the trade is not active.</summary>
    public IReadOnlyList<Guid> CategoriesOfTrade(Guid tradeId) =>
        Find(tradeId) is { } trade ? [trade.Id, .. trade.Children.Select(c => c.Id)] : [];

    /// <summary>"水 / 水龙头", or the name alone for a top-level category; null when the id is not active.</summary>
    public string? PathOf(Guid id) =>
        !_byId.TryGetValue(id, out var found) ? null
            : found.Parent is null ? found.Node.Name
            : found.Parent.Name + " / " + found.Node.Name;

    private static List<RepairCategoryNode> NodesUnder(Guid? parentId, IReadOnlyList<RepairCategory> active) =>
    [
        .. active
            .Where(c => c.ParentId == parentId)
            .OrderBy(c => c.SortOrder)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new RepairCategoryNode(c.Id, c.Name, c.Code, c.DefaultPriority, NodesUnder(c.Id, active))),
    ];

    private void Index(RepairCategoryNode node, RepairCategoryNode? parent)
    {
        _byId[node.Id] = (node, parent);
        foreach (var child in node.Children)
        {
            Index(child, node);
        }
    }
}
