using Microsoft.Extensions.Logging;

namespace WechatLogistics.Wechat.Api;

/// <summary>Every value passed here is already redacted: paths carry no query string, messages went through <see cref="WeChatRedaction"/>.</summary>
internal static partial class WeChatApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "WeChat API {Verb} {ApiPath} answered errcode {ErrorCode} in {ElapsedMs:0} ms (attempt {Attempt})")]
    public static partial void CallSucceeded(ILogger logger, string verb, string apiPath, int errorCode, double elapsedMs, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "WeChat API {Verb} {ApiPath} answered errcode {ErrorCode} ({ErrorMessage}) in {ElapsedMs:0} ms (attempt {Attempt})")]
    public static partial void CallFailed(ILogger logger, string verb, string apiPath, int errorCode, string errorMessage, double elapsedMs, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "WeChat API {Verb} {ApiPath} failed in {ElapsedMs:0} ms (attempt {Attempt}): {Reason}")]
    public static partial void TransportFailed(ILogger logger, string verb, string apiPath, double elapsedMs, int attempt, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Retrying WeChat API {ApiPath} in {DelayMs:0} ms after attempt {Attempt}")]
    public static partial void RetryScheduled(ILogger logger, string apiPath, double delayMs, int attempt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Access token for {CredentialKey} refreshed; cached for {LifetimeSeconds:0} s")]
    public static partial void TokenRefreshed(ILogger logger, string credentialKey, double lifetimeSeconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Access token for {CredentialKey} rejected with errcode {ErrorCode}; invalidating it (retry allowed: {WillRetry})")]
    public static partial void TokenRejected(ILogger logger, string credentialKey, int errorCode, bool willRetry);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Waited {WaitSeconds:0} s for another instance to refresh the access token for {CredentialKey}; fetching without the lock")]
    public static partial void RefreshLockWaitTimedOut(ILogger logger, string credentialKey, double waitSeconds);
}
