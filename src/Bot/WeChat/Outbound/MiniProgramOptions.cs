using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Bot.WeChat.Outbound;

/// <summary>
/// The mini-program (小程序), section <c>MiniProgram</c>. Optional: without it the mini-program API is off and says so
/// when used; half of it (an AppId without its secret) fails at start-up.
/// </summary>
public sealed class MiniProgramOptions : IValidatableObject
{
    public const string Section = "MiniProgram";

    public const string NotConfiguredMessage =
        "The mini-program API is not configured: set MiniProgram:AppId and MiniProgram:AppSecret (MiniProgram__AppId, MiniProgram__AppSecret).";

    public string AppId { get; set; } = "";

    public string AppSecret { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) || !string.IsNullOrWhiteSpace(AppSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(AppId))
        {
            yield return new ValidationResult("MiniProgram:AppId is missing (MiniProgram__AppId): set both AppId and AppSecret, or neither.", [nameof(AppId)]);
        }

        if (string.IsNullOrWhiteSpace(AppSecret))
        {
            yield return new ValidationResult("MiniProgram:AppSecret is missing (MiniProgram__AppSecret): set both AppId and AppSecret, or neither.", [nameof(AppSecret)]);
        }
    }
}
