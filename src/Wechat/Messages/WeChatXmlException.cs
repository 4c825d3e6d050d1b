namespace WechatLogistics.Wechat.Messages;

/// <summary>
/// Inbound XML that cannot be accepted: malformed, a DTD, too big, a missing header field or a bad
/// number. The message never quotes element content.
/// </summary>
public sealed class WeChatXmlException : Exception
{
    public WeChatXmlException(string message)
        : base(message)
    {
    }

    public WeChatXmlException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
