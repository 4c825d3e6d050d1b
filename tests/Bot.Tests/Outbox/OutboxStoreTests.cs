using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// The claim's lease moves a row's next attempt with it, so rows in hand (thousands waiting for the robot's permit)
/// are out of the due range every claim scans; a row whose owner is gone is due when its lease ends, a released one at once.
/// </summary>
public sealed class OutboxStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RowsInHand_AreDueWhenTheirLeaseEnds_ARenewedOneLater_AReleasedOneAtOnce(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        var store = desk.Services.GetRequiredService<OutboxStore>();
        await EnqueueAsync(desk, 3);

        var claimedAt = desk.Clock.GetUtcNow();
        var first = await store.ClaimAsync("owner-a", 2, Lease);
        var second = await store.ClaimAsync("owner-b", 10, Lease * 5);
        Assert.Equal(["store|row-0", "store|row-1"], first.Select(r => r.IdempotencyKey));
        Assert.Equal(["store|row-2"], second.Select(r => r.IdempotencyKey));
        Assert.All(await RowsAsync(desk, first), r => Assert.Equal((claimedAt + Lease, claimedAt + Lease), (r.NextAttemptAt, r.LockedUntil!.Value)));
        Assert.Empty(await store.ClaimAsync("owner-c", 10, Lease));

        // owner-a is gone: its rows are due when the lease ends, not before.
        desk.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.ClaimAsync("owner-c", 10, Lease));
        desk.Clock.Advance(TimeSpan.FromSeconds(1));
        var taken = await store.ClaimAsync("owner-c", 10, Lease);
        Assert.Equal(["store|row-0", "store|row-1"], taken.Select(r => r.IdempotencyKey));

        // owner-c renews one and releases the other: that one is due again at once, the renewed one at its new end.
        desk.Clock.Advance(TimeSpan.FromSeconds(30));
        var renewedAt = desk.Clock.GetUtcNow();
        Assert.Equal([taken[0].Id], await store.RenewAsync([taken[0].Id], "owner-c", Lease));
        await store.RecordAsync([OutboxResult.Release(taken[1])], "owner-c", CancellationToken.None);
        Assert.Equal(renewedAt + Lease, Assert.Single(await RowsAsync(desk, [taken[0]])).NextAttemptAt);
        desk.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(taken[1].Id, Assert.Single(await store.ClaimAsync("owner-d", 10, Lease)).Id);
        desk.Clock.Advance(Lease - TimeSpan.FromSeconds(11));
        Assert.Empty(await store.ClaimAsync("owner-d", 10, Lease));
        desk.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(taken[0].Id, Assert.Single(await store.ClaimAsync("owner-d", 10, Lease)).Id);
    }

    private static async Task EnqueueAsync(StaffDesk desk, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = desk.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(new OutboxItem(OutboxChannel.PlanAutoStart, "store", "row-" + i, new OutboxContent { Text = Guid.NewGuid().ToString("N") }));
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
            desk.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<List<OutboxMessage>> RowsAsync(StaffDesk desk, IEnumerable<OutboxMessage> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        await using var db = desk.Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(TestContext.Current.CancellationToken);
    }
}
