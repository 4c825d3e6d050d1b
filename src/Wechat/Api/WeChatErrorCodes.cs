namespace WechatLogistics.Wechat.Api;

/// <summary>errcodes from PROTOCOL §4.9 (and WeCom's) that change how a call is handled.</summary>
public static class WeChatErrorCodes
{
    public const int SystemBusy = -1;
    public const int Ok = 0;
    public const int InvalidCredential = 40001;
    public const int InvalidOpenId = 40003;
    public const int InvalidAppId = 40013;
    public const int InvalidAccessToken = 40014;
    public const int InvalidCode = 40029;
    public const int InvalidTemplateId = 40037;
    public const int CodeBeenUsed = 40163;
    public const int IpNotInWhitelist = 40164;
    public const int InvalidPage = 41030;
    public const int AccessTokenExpired = 42001;
    public const int UserRefusedMessage = 43101;
    public const int DailyQuotaReached = 45009;
    public const int MinuteQuotaReached = 45011;
    public const int ResponseWindowClosed = 45015;
    public const int ResponseCountLimit = 45047;
    public const int InvalidTemplateData = 47003;
    public const int ApiUnauthorized = 48001;

    /// <summary>The access token is invalid, superseded or expired: compare-and-invalidate, refresh, retry once (§4.3).</summary>
    public static bool IsTokenInvalid(int code) => code is InvalidCredential or InvalidAccessToken or AccessTokenExpired;

    /// <summary>"System busy": safe to retry with exponential backoff.</summary>
    public static bool IsTransient(int code) => code is SystemBusy;

    /// <summary>Per-minute frequency limit: back off (the caller or its queue decides when); never retried in a loop.</summary>
    public static bool IsRateLimited(int code) => code is MinuteQuotaReached;

    /// <summary>
    /// Daily quota, closed 48 h customer-service window, customer-service count, or no subscribe authorization left:
    /// retrying cannot succeed, so these are surfaced at once.
    /// </summary>
    public static bool IsQuotaOrWindow(int code) => code is DailyQuotaReached or ResponseWindowClosed or ResponseCountLimit or UserRefusedMessage;
}
