using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Section <c>Webhook</c>: how many callback messages one instance works on at once, and how many may wait for a
/// turn. Past both, a message gets a friendly "busy" passive reply at once and changes nothing.
/// </summary>
public sealed class WebhookAdmissionOptions
{
    public const string Section = "Webhook";

    /// <summary>Messages processed at once (from the claim to the answer, deferred answers included).</summary>
    [Range(1, 100_000, ErrorMessage = "Webhook:MaxInFlight must be between 1 and 100000.")]
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Messages waiting for a turn, first come first served; 0: none wait.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Webhook:QueueLimit must be between 0 and 1000000.")]
    public int QueueLimit { get; set; } = 256;

    /// <summary>The longest wait for a turn; never more than half of what is left of the reply deadline.</summary>
    [Range(0, 4_800, ErrorMessage = "Webhook:MaxQueueWaitMilliseconds must be between 0 and 4800.")]
    public int MaxQueueWaitMilliseconds { get; set; } = 1_500;

    /// <summary>
    /// Connections the kernel holds for the instance before it accepts them (Kestrel's listen backlog, 512 by
    /// default): a storm opens thousands at once, and a full queue drops the proxy's connection attempts. Linux caps it
    /// at net.core.somaxconn.
    /// </summary>
    [Range(16, 65_535, ErrorMessage = "Webhook:ListenBacklog must be between 16 and 65535.")]
    public int ListenBacklog { get; set; } = 4_096;
}

/// <summary>
/// Admission control for the callbacks (issue 7, report storm): a bounded number of messages in flight per
/// instance, with a short FIFO queue. Under overload an instance then keeps its throughput instead of collapsing —
/// every admitted message still meets WeChat's deadline, instead of all of them missing it and piling deferred answers,
/// journal writes and WeChat's retries on top. It is applied inside the receivers, after the push is verified and
/// decrypted, not as ASP.NET Core rate-limiting middleware: a refused message must get an encrypted passive reply
/// addressed to its sender, which middleware cannot build before the body is opened.
/// </summary>
public sealed partial class WebhookAdmission : IDisposable
{
    /// <summary>How often the busy replies given are summed up in the log (one line, only when there were any).</summary>
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(10);

    private readonly IOptions<WebhookAdmissionOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookAdmission> _logger;
    private readonly ConcurrencyLimiter _limiter;
    private readonly ITimer _summary;

    // Busy replies since the last summary, by reason: a storm gives thousands a second, one log line each would cost
    // more than the replies themselves.
    private int _noQueue;
    private int _queueFull;
    private int _waitedTooLong;

    public WebhookAdmission(IOptions<WebhookAdmissionOptions> options, TimeProvider time, ILogger<WebhookAdmission> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxInFlight,
            QueueLimit = options.Value.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _summary = time.CreateTimer(_ => Summarize(), null, SummaryEvery, SummaryEvery);
    }

    /// <summary>
    /// A turn for one message, or null when there is none in time: the queue is full, or the wait reached its limit
    /// (<see cref="WebhookAdmissionOptions.MaxQueueWaitMilliseconds"/>, at most half of <paramref name="budget"/>, so
    /// an admitted message keeps time to answer). Dispose the lease when the message's work is finished.
    /// </summary>
    public async ValueTask<RateLimitLease?> TryEnterAsync(TimeSpan budget, CancellationToken ct)
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        var wait = TimeSpan.FromMilliseconds(Math.Min(_options.Value.MaxQueueWaitMilliseconds, budget.TotalMilliseconds / 2));
        if (_options.Value.QueueLimit == 0 || wait <= TimeSpan.Zero)
        {
            Interlocked.Increment(ref _noQueue);
            return null;
        }

        using var waited = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(waited.Token, ct);
        try
        {
            lease = await _limiter.AcquireAsync(1, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _waitedTooLong);
            return null;
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        Interlocked.Increment(ref _queueFull);
        return null;
    }

    public void Dispose()
    {
        _summary.Dispose();
        Summarize();
        _limiter.Dispose();
    }

    private void Summarize()
    {
        var (noQueue, queueFull, waited) = (Interlocked.Exchange(ref _noQueue, 0), Interlocked.Exchange(ref _queueFull, 0), Interlocked.Exchange(ref _waitedTooLong, 0));
        if (noQueue + queueFull + waited > 0)
        {
            LogBusy(_logger, noQueue + queueFull + waited, (int)SummaryEvery.TotalSeconds, queueFull, waited, noQueue);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Webhook busy: {Count} messages answered with the busy reply in the last {Seconds} s, nothing processed ({QueueFull} queue full, {WaitedTooLong} waited too long, {NoQueue} no queue)")]
    private static partial void LogBusy(ILogger logger, int count, int seconds, int queueFull, int waitedTooLong, int noQueue);
}

public static class WebhookAdmissionRegistration
{
    public static IServiceCollection AddWebhookAdmission(this IServiceCollection services)
    {
        services.AddOptions<WebhookAdmissionOptions>().BindConfiguration(WebhookAdmissionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookAdmission>();
        // Read from configuration, not the validated options: Kestrel builds its transport before start-up validation,
        // which then stops the start naming the key of a bad value (the socket never listens with it).
        services.AddOptions<SocketTransportOptions>().Configure<IConfiguration>((sockets, configuration) =>
            sockets.Backlog = int.TryParse(configuration[WebhookAdmissionOptions.Section + ":" + nameof(WebhookAdmissionOptions.ListenBacklog)], out var backlog)
                ? backlog
                : new WebhookAdmissionOptions().ListenBacklog);
        return services;
    }
}
