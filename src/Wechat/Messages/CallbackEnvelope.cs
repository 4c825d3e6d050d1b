namespace WechatLogistics.Wechat.Messages;

/// <summary>
/// The outer body of a callback POST (PROTOCOL §1.3, §5.2). Safe mode: ToUserName + Encrypt; WeCom
/// adds AgentID; compatible mode also carries the plaintext fields (ignored here).
/// </summary>
/// <param name="ToUserName">Trimmed; null when absent.</param>
/// <param name="Encrypt">Exactly as sent (msg_signature covers this exact string); null when absent or empty.</param>
/// <param name="AgentId">WeCom AgentID as text, trimmed; null when absent.</param>
public sealed record CallbackEnvelope(string? ToUserName, string? Encrypt, string? AgentId);

public static class CallbackEnvelopeParser
{
    /// <exception cref="WeChatXmlException">Malformed or hostile XML, or too big.</exception>
    public static CallbackEnvelope Parse(string xml, int maxCharacters = InboundMessageParser.DefaultMaxCharacters)
    {
        var fields = XmlFields.Read(xml, maxCharacters);
        var encrypt = fields.Text("Encrypt");
        return new CallbackEnvelope(
            fields.Optional("ToUserName"),
            encrypt.Length == 0 ? null : encrypt,
            fields.Optional("AgentID"));
    }
}
