using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Bot.Outbox;

/// <summary>The outbox dispatcher, section <c>Outbox</c>. Validated at start-up.</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    /// <summary>How often an idle dispatcher looks for due rows (an enqueue in this process wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Outbox:PollInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows claimed per round trip.</summary>
    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 100;

    /// <summary>Sends in flight at once (each waits for the API's answer).</summary>
    [Range(1, 256, ErrorMessage = "Outbox:MaxConcurrency must be between 1 and 256.")]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Failed sends before a row is marked Dead with its last errcode.</summary>
    [Range(1, 100, ErrorMessage = "Outbox:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Backoff after the first failure; doubled after each further one, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Outbox:RetryBaseDelay must be between 1 ms and 1 hour.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Outbox:MaxRetryDelay must be between 1 ms and 1 day.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a claim is exclusive. Longer than one send (10 s timeout × 3 client attempts); a claim that waited for a
    /// rate-limit permit longer than half of it is renewed before sending.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Outbox:Lease must be between 1 second and 1 hour.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>False turns every rate limit off (benchmarks measure the dispatcher's own overhead so).</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>The platform's rate window: one minute (PROTOCOL §5.4, §5.5). Tests shorten it, as the simulator can.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Outbox:RateWindow must be between 100 ms and 1 hour.")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages per robot per window (20, PROTOCOL §5.5).</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:RobotPerWindow must be between 1 and 10000.")]
    public int RobotPerWindow { get; set; } = 20;

    /// <summary>App messages per WeCom member per window (30, PROTOCOL §5.4; the excess is silently dropped by WeCom).</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:WeComAppPerMemberPerWindow must be between 1 and 10000.")]
    public int WeComAppPerMemberPerWindow { get; set; } = 30;

    /// <summary>
    /// Official Account message calls per second across the account (customer service, subscribe, template): our own
    /// guard against the per-minute API quota (45011) when an announcement fans out; 0 = no limit.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Outbox:OfficialAccountPerSecond must be between 0 and 100000.")]
    public int OfficialAccountPerSecond { get; set; } = 200;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Outbox:MaxRetryDelay must not be shorter than Outbox:RetryBaseDelay.", [nameof(MaxRetryDelay)]);
        }
    }
}
