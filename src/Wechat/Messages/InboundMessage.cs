using System.Globalization;

namespace WechatLogistics.Wechat.Messages;

/// <summary>A parsed inbound push, OA or WeCom (PROTOCOL §2, §5.2).</summary>
public abstract record InboundMessage
{
    /// <summary>OA: our original id (gh_…); WeCom: the CorpID.</summary>
    public required string ToUserName { get; init; }

    /// <summary>OA: the sender's OpenID; WeCom: the member's UserID. Authoritative over the query's openid.</summary>
    public required string FromUserName { get; init; }

    /// <summary>Unix seconds.</summary>
    public required long CreateTime { get; init; }

    /// <summary>The MsgType exactly as sent (text, image, event, …).</summary>
    public required string MsgType { get; init; }

    /// <summary>WeCom &lt;AgentID&gt;; null for OA.</summary>
    public int? AgentId { get; init; }

    /// <summary>
    /// WeChat retries 3x when unanswered for 5 s (PROTOCOL §3.1): dedupe by MsgId ("m:{MsgId}"), events
    /// by FromUserName+CreateTime ("e:{FromUserName}:{CreateTime}:{Event}"; the event name avoids
    /// collisions such as subscribe + SCAN in the same second). A message without MsgId falls back to
    /// "e:{FromUserName}:{CreateTime}:{MsgType}".
    /// </summary>
    public abstract string DedupeKey { get; }

    /// <summary>
    /// Type, MsgType and CreateTime only: the record default would print the user's text and OpenID into
    /// logs (STYLE: never log message text). Sealed so derived records do not synthesize their own.
    /// </summary>
    public sealed override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{GetType().Name} {{ MsgType = {MsgType}, CreateTime = {CreateTime} }}");

    private protected string MessageDedupeKey(long? msgId) =>
        msgId is > 0
            ? string.Create(CultureInfo.InvariantCulture, $"m:{msgId}")
            : EventDedupeKey(MsgType);

    private protected string EventDedupeKey(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"e:{FromUserName}:{CreateTime}:{name}");
}
