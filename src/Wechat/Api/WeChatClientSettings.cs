using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Wechat.Api;

/// <summary>Transport settings shared by <c>WeChatApiSettings</c> and <c>WeComApiSettings</c>.</summary>
public abstract record WeChatClientSettings
{
    /// <summary>Per-attempt HTTP timeout. Callers wait for a reply within WeChat's 5 s callback budget only when they choose to.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts for transient failures (errcode -1, timeouts, network errors, HTTP 5xx), the first included.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Backoff before the second attempt; doubled for each later one, plus jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
