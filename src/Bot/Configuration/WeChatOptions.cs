using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Bot.Configuration;

/// <summary>The Official Account (公众号) settings, section <c>WeChat</c>. Validated at start-up.</summary>
public sealed class WeChatOptions
{
    public const string Section = "WeChat";

    public const string RealApiHost = "api.weixin.qq.com";

    [Required(AllowEmptyStrings = false, ErrorMessage = "WeChat:AppId is missing (set it in appsettings.json or WeChat__AppId).")]
    public string AppId { get; set; } = "";

    [Required(AllowEmptyStrings = false, ErrorMessage = "WeChat:AppSecret is missing (set it in appsettings.json or WeChat__AppSecret).")]
    public string AppSecret { get; set; } = "";

    [Required(AllowEmptyStrings = false, ErrorMessage = "WeChat:Token is missing (set it in appsettings.json or WeChat__Token).")]
    public string Token { get; set; } = "";

    /// <summary>43 characters from [A-Za-z0-9]; empty only for a plaintext-mode account.</summary>
    [RegularExpression("^([A-Za-z0-9]{43})?$", ErrorMessage = "WeChat:EncodingAesKey must be the 43-character key from the WeChat console (letters and digits).")]
    public string EncodingAesKey { get; set; } = "";

    /// <summary>Maximum age of a push's timestamp; 0 turns the check off (for replaying recorded traffic).</summary>
    [Range(0, 86_400, ErrorMessage = "WeChat:TimestampToleranceSeconds must be between 0 and 86400.")]
    public int TimestampToleranceSeconds { get; set; } = 300;

    [Required(AllowEmptyStrings = false, ErrorMessage = "WeChat:ApiBaseUrl is missing.")]
    [Url(ErrorMessage = "WeChat:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = "https://" + RealApiHost;

    /// <summary>
    /// Per-attempt limit on every outbound WeChat/WeCom API call (the client's retries add attempts). A hung platform
    /// call is abandoned after this and retried with backoff like any transient failure.
    /// </summary>
    [Range(1, 120, ErrorMessage = "WeChat:ApiTimeoutSeconds must be between 1 and 120.")]
    public int ApiTimeoutSeconds { get; set; } = 10;

    public TimeSpan ApiTimeout => TimeSpan.FromSeconds(ApiTimeoutSeconds);

    /// <summary>WeChat gives up after 5 s; past this budget we answer <c>success</c> and send the answer later.</summary>
    [Range(100, 4_800, ErrorMessage = "WeChat:ReplyDeadlineMilliseconds must be between 100 and 4800.")]
    public int ReplyDeadlineMilliseconds { get; set; } = 4_000;

    [Range(1_024, 1_048_576, ErrorMessage = "WeChat:MaxBodyBytes must be between 1024 and 1048576.")]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a delivered MsgId is remembered. WeChat's 3 retries span about 15 s.</summary>
    [Range(30, 86_400, ErrorMessage = "WeChat:DedupeSeconds must be between 30 and 86400.")]
    public int DedupeSeconds { get; set; } = 300;

    public bool IsEncryptionConfigured => EncodingAesKey.Length == 43;
}
