using System.ComponentModel.DataAnnotations;
using System.Text;

namespace WechatLogistics.Wechat.Api.WeCom;

/// <summary>One WeCom self-built app: its token works only for that app, so tokens are cached per CorpId:AgentId (PROTOCOL §5.3).</summary>
public sealed record WeComApiSettings : WeChatClientSettings
{
    public const string DefaultBaseUrl = "https://qyapi.weixin.qq.com";

    [Required]
    public string CorpId { get; init; } = string.Empty;

    /// <summary>The app's secret (each app has its own).</summary>
    [Required]
    public string CorpSecret { get; init; } = string.Empty;

    [Range(1, int.MaxValue)]
    public int AgentId { get; init; }

    [Required, Url]
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>The token cache key: <c>CorpId:AgentId</c>.</summary>
    public string CredentialKey => $"{CorpId}:{AgentId}";

    // The synthesized ToString would print CorpSecret.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"CorpId = {CorpId}, CorpSecret = {WeChatRedaction.Mask}, AgentId = {AgentId}, BaseUrl = {BaseUrl}, ");
        return base.PrintMembers(builder);
    }
}
