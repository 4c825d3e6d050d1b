using System.Collections.Concurrent;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Infrastructure.InProcess;

/// <summary>Single-instance contact window: the last message time per user, in this process.</summary>
public sealed class InMemoryContactWindow(TimeProvider time) : IContactWindow
{
    private readonly ConcurrentDictionary<(string Account, string User), DateTimeOffset> _last = new();
    private long _records;

    public ValueTask RecordAsync(string account, string userId, CancellationToken ct)
    {
        Record(account, userId);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsOpenAsync(string account, string userId, CancellationToken ct) =>
        ValueTask.FromResult(_last.TryGetValue((account, userId), out var at) && time.GetUtcNow() - at < ContactWindowRules.Length);

    /// <summary>Synchronous, for the in-process ledger's claim.</summary>
    public void Record(string account, string userId)
    {
        var now = time.GetUtcNow();
        _last[(account, userId)] = now;
        if (Interlocked.Increment(ref _records) % 4096 == 0)
        {
            foreach (var pair in _last)
            {
                if (now - pair.Value >= ContactWindowRules.Length)
                {
                    _last.TryRemove(pair);
                }
            }
        }
    }
}
