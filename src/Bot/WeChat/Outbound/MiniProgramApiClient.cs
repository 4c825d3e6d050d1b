using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.WeChat.Outbound;

/// <summary>
/// The mini-program's API client: the same host as the Official Account's <see cref="WeChatApiClient"/>, but its own
/// AppId, secret and therefore its own access token. Resolve this type for mini-program calls (login, subscribe messages).
/// </summary>
public sealed class MiniProgramApiClient(WeChatApiClient? client)
{
    public bool IsConfigured => client is not null;

    /// <exception cref="InvalidOperationException">The <c>MiniProgram</c> section is not configured.</exception>
    public WeChatApiClient Api => client ?? throw new InvalidOperationException(MiniProgramOptions.NotConfiguredMessage);
}
