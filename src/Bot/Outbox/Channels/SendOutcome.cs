using WechatLogistics.Wechat.Api;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>What one channel made of one send.</summary>
public abstract record SendOutcome
{
    public static SendOutcome Sent { get; } = new Delivered();

    /// <summary>Worth trying again later: system busy, minute quota, timeout, network, 5xx (and token trouble).</summary>
    public sealed record Transient(int? ErrorCode, string Reason) : SendOutcome;

    /// <summary>This channel cannot reach the user now (window closed, no consent): the next channel may.</summary>
    public sealed record Unreachable(int? ErrorCode, string Reason) : SendOutcome;

    /// <summary>Not sent on purpose (nothing configured for it …).</summary>
    public sealed record Skip(string Reason) : SendOutcome;

    /// <summary>Rejected for good (bad recipient, template, argument): retrying cannot help.</summary>
    public sealed record Permanent(int? ErrorCode, string Reason) : SendOutcome;

    public sealed record Delivered : SendOutcome;

    /// <summary>How an API failure is handled (the client has already retried -1/5xx/timeouts three times).</summary>
    public static SendOutcome Of(Exception exception) => exception switch
    {
        WeChatApiException api when api.ErrorCode is WeChatErrorCodes.ResponseWindowClosed or WeChatErrorCodes.ResponseCountLimit
            or WeChatErrorCodes.UserRefusedMessage => new Unreachable(api.ErrorCode, api.ErrorCode switch
            {
                WeChatErrorCodes.ResponseWindowClosed => "48-hour window closed or user unfollowed",
                WeChatErrorCodes.ResponseCountLimit => "customer-service quota used up",
                _ => "no subscribe consent left",
            }),
        WeChatApiException api when WeChatErrorCodes.IsTransient(api.ErrorCode) || WeChatErrorCodes.IsRateLimited(api.ErrorCode)
            || WeChatErrorCodes.IsTokenInvalid(api.ErrorCode) || api.ErrorCode == WeChatErrorCodes.DailyQuotaReached =>
            new Transient(api.ErrorCode, "errcode " + api.ErrorCode),
        WeChatApiException api => new Permanent(api.ErrorCode, "rejected: errcode " + api.ErrorCode),
        WeChatTransportException { IsTransient: true } transport => new Transient(null, Describe(transport)),
        WeChatTransportException transport => new Permanent(null, Describe(transport)),
        _ => new Transient(null, exception.GetType().Name),
    };

    private static string Describe(WeChatTransportException transport) =>
        transport.HttpStatusCode is { } status ? "HTTP " + status : "API unreachable";
}
