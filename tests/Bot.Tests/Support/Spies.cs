using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.Support;

public sealed class CountingLedger(IDeliveryLedger inner) : IDeliveryLedger
{
    private int _claims;

    public int Claims => Volatile.Read(ref _claims);

    public ValueTask<DeliveryClaim> TryClaimAsync(string key, TimeSpan ttl, SessionAddress? session, CancellationToken ct)
    {
        Interlocked.Increment(ref _claims);
        return inner.TryClaimAsync(key, ttl, session, ct);
    }

    public ValueTask CompleteAsync(string key, DeliveryOutcome outcome, TimeSpan ttl, CancellationToken ct) =>
        inner.CompleteAsync(key, outcome, ttl, ct);

    public ValueTask<DeliveryOutcome?> WaitForOutcomeAsync(string key, TimeSpan maxWait, CancellationToken ct) =>
        inner.WaitForOutcomeAsync(key, maxWait, ct);
}

public sealed class RecordingDeferredSender : IDeferredReplySender
{
    private readonly TaskCompletionSource<(string User, ChatReply Reply)> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(string User, ChatReply Reply)> FirstSent => _first.Task;

    public ValueTask SendAsync(string account, string userId, ChatReply reply, CancellationToken ct)
    {
        _first.TrySetResult((userId, reply));
        return ValueTask.CompletedTask;
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>Who logged at what level, in order (Information and above).</summary>
    public ConcurrentQueue<(string Category, LogLevel Level)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public int Count(string fragment) => Messages.Count(m => m.Contains(fragment, StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue((category, logLevel));
            owner.Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message));
        }
    }
}
