namespace WechatLogistics.Wechat.Api;

/// <summary>
/// Base of every request model. Requests carry secrets (stable_token) or message text, which
/// must never reach a log line, so <see cref="ToString"/> prints the type name only.
/// </summary>
public abstract record WeChatApiRequest
{
    public sealed override string ToString() => GetType().Name;
}
