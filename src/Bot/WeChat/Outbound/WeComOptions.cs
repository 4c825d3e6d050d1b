using System.ComponentModel.DataAnnotations;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Bot.WeChat.Outbound;

/// <summary>
/// The WeCom (企业微信) self-built app and group robot, section <c>WeCom</c>. Optional: without CorpId, AgentId and
/// Secret the app API is off and says so when used; a partial app configuration fails at start-up.
/// </summary>
public sealed class WeComOptions : IValidatableObject
{
    public const string Section = "WeCom";

    public const string NotConfiguredMessage =
        "The WeCom API is not configured: set WeCom:CorpId, WeCom:AgentId and WeCom:Secret (WeCom__CorpId, WeCom__AgentId, WeCom__Secret).";

    public string CorpId { get; set; } = "";

    public int AgentId { get; set; }

    /// <summary>The app's secret (each WeCom app has its own).</summary>
    public string Secret { get; set; } = "";

    /// <summary>The group robot's webhook key (a secret; optional, independent of the app).</summary>
    public string RobotKey { get; set; } = "";

    /// <summary>The app's callback Token (接收消息 → 设置API接收); with <see cref="EncodingAesKey"/> it turns on <c>/wecom/callback</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>The app's 43-character EncodingAESKey; WeCom callbacks are always encrypted.</summary>
    [RegularExpression("^([A-Za-z0-9]{43})?$", ErrorMessage = "WeCom:EncodingAesKey must be the 43-character key from the WeCom console (letters and digits).")]
    public string EncodingAesKey { get; set; } = "";

    /// <summary>Maximum age of a callback's timestamp; 0 turns the check off (for replaying recorded traffic).</summary>
    [Range(0, 86_400, ErrorMessage = "WeCom:TimestampToleranceSeconds must be between 0 and 86400.")]
    public int TimestampToleranceSeconds { get; set; } = 300;

    [Required(AllowEmptyStrings = false, ErrorMessage = "WeCom:ApiBaseUrl must not be empty (leave it out for the real host).")]
    [Url(ErrorMessage = "WeCom:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = WeComApiSettings.DefaultBaseUrl;

    public bool IsCallbackConfigured => !string.IsNullOrWhiteSpace(CorpId) && !string.IsNullOrEmpty(Token) && EncodingAesKey.Length == 43;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CorpId) || !string.IsNullOrWhiteSpace(Secret) || AgentId != 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((!string.IsNullOrEmpty(Token) || !string.IsNullOrEmpty(EncodingAesKey)) && !IsCallbackConfigured)
        {
            yield return new ValidationResult(
                "The WeCom callback needs WeCom:CorpId, WeCom:Token and WeCom:EncodingAesKey together (WeCom__CorpId, WeCom__Token, WeCom__EncodingAesKey).",
                [nameof(Token)]);
        }

        if (!IsConfigured)
        {
            yield break;
        }

        const string hint = "set CorpId, AgentId and Secret together, or none of them.";
        if (string.IsNullOrWhiteSpace(CorpId))
        {
            yield return new ValidationResult($"WeCom:CorpId is missing (WeCom__CorpId): {hint}", [nameof(CorpId)]);
        }

        if (AgentId <= 0)
        {
            yield return new ValidationResult($"WeCom:AgentId must be the app's positive AgentId (WeCom__AgentId): {hint}", [nameof(AgentId)]);
        }

        if (string.IsNullOrWhiteSpace(Secret))
        {
            yield return new ValidationResult($"WeCom:Secret is missing (WeCom__Secret): {hint}", [nameof(Secret)]);
        }
    }
}
