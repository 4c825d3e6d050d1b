using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat.Deferred;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// A journal write slower than the 500 ms the platform can wait for it (a saturated database in a report storm): the
/// platform gets its "success" anyway, the student gets the answer, and the write — not abandoned half-way — is settled
/// once it has landed, so no entry outlives its answer to be replayed minutes later as a stray dialog step.
/// </summary>
public sealed class SlowJournalWriteTests
{
    [Fact]
    public async Task JournalWriteSlowerThanItsWait_LandsAndIsSettledAfterTheAnswer()
    {
        var writes = new HeldJournalWrites();
        await using var host = new HeldJournalHost(writes);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.Hold = release.Task;
        var push = new WeChatPush();
        var user = "o-slow-journal-" + Guid.NewGuid().ToString("N");

        var response = await host.CreateClient().SendAsync(
            push.Build(WeChatPush.TextXml(user, "探针", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe), TestContext.Current.CancellationToken);

        Assert.Equal("success", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, host.Logs.Count("The journal write of a deferred answer took more than"));

        // The answer is ready and sent while the write is still held.
        release.SetResult();
        var (to, reply) = await host.Deferred.FirstSent.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal((user, "探针第1次"), (to, Assert.IsType<TextChatReply>(reply).Content));

        writes.Release.SetResult();
        await writes.Landed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        for (var i = 0; i < 100 && (await EntriesAsync(host)).Count > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Empty(await EntriesAsync(host));
        Assert.Equal(0, host.Logs.Count("could not be journaled"));
        Assert.Equal(1, host.Probe.Runs);
    }

    private static async Task<List<DeferredDelivery>> EntriesAsync(BotFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().DeferredDeliveries.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }

    private sealed class HeldJournalHost(HeldJournalWrites writes)
        : BotFactory(settings: new Dictionary<string, string?> { ["WeChat:ReplyDeadlineMilliseconds"] = "300" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(writes)));
        }
    }

    /// <summary>Holds every save that adds a journal entry until released, ignoring the caller's cancellation, as a busy database does.</summary>
    private sealed class HeldJournalWrites : SaveChangesInterceptor
    {
        private int _held;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Landed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<DeferredDelivery>().Any(e => e.State == EntityState.Added))
            {
                await Release.Task;
                Interlocked.Exchange(ref _held, 1);
            }

            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _held, 0) == 1)
            {
                Landed.TrySetResult();
            }

            return ValueTask.FromResult(result);
        }
    }
}
