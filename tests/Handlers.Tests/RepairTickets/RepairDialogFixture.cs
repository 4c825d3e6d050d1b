using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.ReferenceData;
using WechatLogistics.Handlers.RepairTickets.Chat;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Handlers.Tests.Support;

namespace WechatLogistics.Handlers.Tests.RepairTickets;

/// <summary>The 报修 dialog over the seeded campus and categories, with a sender that records what it submits.</summary>
public abstract class RepairDialogFixture
{
    protected static readonly RepairCategoryTree Categories = RepairCategoryTree.From(ReferenceDataSeed.CreateCategories());

    protected static readonly LocationDirectory Campus = new(ReferenceDataSeed.CreateLocations());

    private static readonly DateTimeOffset OpenedAt = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    protected RepairDialogFixture()
    {
        Sender = new FakeSender()
            .On<ListRepairCategoriesQuery>(_ => Categories)
            .On<ListLocationsQuery>(_ => Campus)
            .On<OpenRepairTicketCommand>(command => new OpenRepairTicketResult(
                Guid.NewGuid(), "R20260302-0007", Priority.Normal, OpenedAt, OpenedAt.AddHours(8), OpenedAt.AddHours(24), false));
        Chat = new DialogHarness(new RepairDialog(Sender));
    }

    protected FakeSender Sender { get; }

    protected DialogHarness Chat { get; }

    protected IReadOnlyList<OpenRepairTicketCommand> Submitted => [.. Sender.SentOf<OpenRepairTicketCommand>()];

    protected static Guid Category(string code) => ReferenceDataSeed.CategoryId(code);

    protected static Guid Place(string code) => ReferenceDataSeed.LocationId(code);

    /// <summary>Answers every question up to (not including) <paramref name="step"/> with good input.</summary>
    protected async Task ReachAsync(string step)
    {
        string[] order = ["category", "subcategory", "location", "description", "photo", "confirm"];
        await Chat.StartAsync();
        string[] answers = ["1", "1", "东区1号楼302", "水龙头一直滴水", "跳过"];
        for (var i = 0; i < Array.IndexOf(order, step); i++)
        {
            await Chat.SayAsync(answers[i]);
        }

        Assert.Equal(step, Chat.Session.Step);
    }
}
