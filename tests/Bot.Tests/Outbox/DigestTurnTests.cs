using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// A channel whose digests go one at a time (<see cref="IOutboxChannel.OneAtATime"/>, the incident checks): rows claimed
/// while one runs gather for the next instead of starting runs of their own beside it.
/// </summary>
public sealed class DigestTurnTests
{
    [Fact]
    public async Task RowsClaimedWhileOneRuns_GatherIntoTheNext_NeverTwoAtOnce()
    {
        var channel = new HeldCommandChannel();
        await using var bed = await OutboxTestBed.CreateAsync(redis: false);
        var host = bed.StartHost(services: services =>
        {
            // In place of the real command channel of that name.
            services.Remove(services.Single(d => d.ServiceType == typeof(IOutboxChannel) && d.ImplementationType == typeof(PlanAutoStartChannel)));
            services.AddSingleton<IOutboxChannel>(channel);
        });

        await OutboxTestBed.EnqueueAsync(host, Row(0));
        await OutboxTestBed.WaitForAsync(() => channel.Runs.Count == 1, TimeSpan.FromSeconds(10), "the first run");
        // Three transactions, so three claims while the first run is held.
        for (var batch = 0; batch < 3; batch++)
        {
            await OutboxTestBed.EnqueueAsync(host, [.. Enumerable.Range(1 + (10 * batch), 10).Select(Row)]);
        }

        await WaitUntilClaimedAsync(bed, 31);
        channel.Finish();
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), expectedRows: 31);

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(2, channel.Runs.Count);
        Assert.Equal(["0"], channel.Runs.First());
        Assert.Equal(Enumerable.Range(1, 30), channel.Runs.Last().Select(int.Parse).Order());
        Assert.Equal(1, channel.MostAtOnce);
    }

    private static OutboxItem Row(int i) =>
        new(OutboxChannel.PlanAutoStart, "turns", "turn:" + i, new OutboxContent { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static async Task WaitUntilClaimedAsync(OutboxTestBed bed, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await bed.RowsAsync()).Count(r => r.Status == OutboxStatus.Pending && r.LockOwner is not null) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} rows were claimed");
            await Task.Delay(10);
        }
    }

    /// <summary>Records each run's ids and how many ran at once; the first run waits until <see cref="Finish"/>.</summary>
    private sealed class HeldCommandChannel : IOutboxChannel
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _mostAtOnce;

        public System.Collections.Concurrent.ConcurrentQueue<string[]> Runs { get; } = new();

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public OutboxChannel Channel => OutboxChannel.PlanAutoStart;

        public int CombineAtMost => 100;

        public bool OneAtATime => true;

        public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => [];

        public OutboxContent Combine(IReadOnlyList<OutboxContent> contents) => new() { Text = string.Join(',', contents.Select(c => c.Text)) };

        public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _running);
            int most;
            while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most)
            {
            }

            Runs.Enqueue(content.Text!.Split(','));
            await _release.Task;
            Interlocked.Decrement(ref _running);
            return SendOutcome.Sent;
        }

        public void Finish() => _release.TrySetResult();
    }
}
