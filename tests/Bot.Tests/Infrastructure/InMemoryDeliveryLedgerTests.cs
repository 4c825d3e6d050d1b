using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Infrastructure.InProcess;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Tests.Infrastructure;

public sealed class InMemoryDeliveryLedgerTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(300);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Claim_SameKeyWithinTheTtl_IsARetry_AfterTheTtl_IsNew()
    {
        var ledger = new InMemoryDeliveryLedger(_clock);

        Assert.True((await ledger.TryClaimAsync("m:1", Ttl, null, default)).Claimed);
        _clock.Advance(TimeSpan.FromSeconds(299));
        Assert.False((await ledger.TryClaimAsync("m:1", Ttl, null, default)).Claimed);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await ledger.TryClaimAsync("m:1", Ttl, null, default)).Claimed);
    }

    [Fact]
    public async Task ExpiredDeliveries_AreForgotten_SoMemoryStaysBounded()
    {
        var ledger = new InMemoryDeliveryLedger(_clock);
        for (var i = 0; i < 1_000; i++)
        {
            await ledger.TryClaimAsync("m:" + i, Ttl, null, default);
        }

        _clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 100; i++)
        {
            await ledger.TryClaimAsync("n:" + i, Ttl, null, default);
        }

        // 100 claims remove up to 16 expired entries each: all 1 000 old ones are gone, the 100 new ones stay.
        Assert.Equal(100, ledger.Count);
    }

    [Fact]
    public async Task CompletedDelivery_IsKeptForItsNewTtl_AndItsOutcomeReachesARetry()
    {
        var ledger = new InMemoryDeliveryLedger(_clock);
        await ledger.TryClaimAsync("m:7", Ttl, null, default);
        _clock.Advance(TimeSpan.FromSeconds(200));
        await ledger.CompleteAsync("m:7", new DeliveryOutcome("<xml/>"), Ttl, default);

        _clock.Advance(TimeSpan.FromSeconds(200));
        await ledger.TryClaimAsync("other", Ttl, null, default);

        Assert.False((await ledger.TryClaimAsync("m:7", Ttl, null, default)).Claimed);
        Assert.Equal("<xml/>", (await ledger.WaitForOutcomeAsync("m:7", TimeSpan.Zero, default))?.ReplyXml);
    }
}
