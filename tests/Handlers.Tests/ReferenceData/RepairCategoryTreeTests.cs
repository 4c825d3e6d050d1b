using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Tests.ReferenceData;

/// <summary>The lookups new tickets make over the cached category tree: a category's trade and a trade's categories.</summary>
public sealed class RepairCategoryTreeTests
{
    [Theory]
    [InlineData("WATER-LEAK", "WATER")]
    [InlineData("WATER", "WATER")]
    [InlineData("OTHER", "OTHER")]
    public void TradeOf_ActiveCategory_IsItsTopLevel(string code, string trade)
    {
        Assert.Equal(Id(trade), Tree().TradeOf(Id(code)));
    }

    [Fact]
    public void TradeOf_RetiredCategory_OrAChildOfARetiredTrade_IsNull()
    {
        var tree = Tree(retire: ["WATER-TAP", "NET"]);

        Assert.Null(tree.TradeOf(Id("WATER-TAP")));
        Assert.Null(tree.TradeOf(Id("NET-DOWN")));
        Assert.Null(tree.TradeOf(Guid.NewGuid()));
        Assert.Equal(Id("WATER"), tree.TradeOf(Id("WATER-LEAK")));
    }

    [Fact]
    public void CategoriesOfTrade_IsTheTradeAndItsActiveSubCategories()
    {
        var tree = Tree(retire: ["WATER-TAP"]);

        Assert.Equal([Id("WATER"), Id("WATER-LEAK"), Id("WATER-TOILET")], tree.CategoriesOfTrade(Id("WATER")));
        Assert.Equal([Id("OTHER")], tree.CategoriesOfTrade(Id("OTHER")));
    }

    [Fact]
    public void CategoriesOfTrade_ARetiredOrUnknownTrade_IsEmpty()
    {
        var tree = Tree(retire: ["NET"]);

        Assert.Empty(tree.CategoriesOfTrade(Id("NET")));
        Assert.Empty(tree.CategoriesOfTrade(Guid.NewGuid()));
    }

    [Fact]
    public void Find_GivesTheDefaultPriority_AndWhetherActiveSubCategoriesRemain()
    {
        var tree = Tree(retire: ["NET-DOWN", "NET-PORT"]);

        Assert.Equal((Domain.RepairTickets.Priority.Urgent, true), (tree.Find(Id("WATER-LEAK"))!.DefaultPriority, tree.Find(Id("WATER-LEAK"))!.IsLeaf));
        Assert.False(tree.Find(Id("WATER"))!.IsLeaf);
        // Every sub-category retired: the trade itself can be reported under.
        Assert.True(tree.Find(Id("NET"))!.IsLeaf);
    }

    private static Guid Id(string code) => ReferenceDataSeed.CategoryId(code);

    /// <summary>The seeded tree from its active rows, as the cache builds it.</summary>
    private static RepairCategoryTree Tree(params string[] retire)
    {
        var categories = ReferenceDataSeed.CreateCategories();
        foreach (var category in categories.Where(c => retire.Contains(c.Code)))
        {
            category.Deactivate();
        }

        return RepairCategoryTree.From([.. categories.Where(c => c.IsActive)]);
    }
}
