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

    [Required(AllowEmptyStrings = false, ErrorMessage = "WeCom:ApiBaseUrl must not be empty (leave it out for the real host).")]
    [Url(ErrorMessage = "WeCom:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = WeComApiSettings.DefaultBaseUrl;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CorpId) || !string.IsNullOrWhiteSpace(Secret) || AgentId != 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
