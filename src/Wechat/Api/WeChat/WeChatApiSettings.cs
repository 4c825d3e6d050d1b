using System.ComponentModel.DataAnnotations;
using System.Text;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>Credentials and host of an Official Account or mini program (they share api.weixin.qq.com).</summary>
public sealed record WeChatApiSettings : WeChatClientSettings
{
    public const string DefaultBaseUrl = "https://api.weixin.qq.com";

    /// <summary>Disaster-recovery host with the same API.</summary>
    public const string BackupBaseUrl = "https://api2.weixin.qq.com";

    [Required]
    public string AppId { get; init; } = string.Empty;

    [Required]
    public string AppSecret { get; init; } = string.Empty;

    [Required, Url]
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    // The synthesized ToString would print AppSecret.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"AppId = {AppId}, AppSecret = {WeChatRedaction.Mask}, BaseUrl = {BaseUrl}, ");
        return base.PrintMembers(builder);
    }
}
