namespace WechatLogistics.Wechat.Crypto;

/// <summary>
/// The only exception <see cref="WeChatMessageCrypto"/> throws for bad input. Its message never
/// contains key material or decrypted text.
/// </summary>
public sealed class WeChatCryptoException : Exception
{
    public WeChatCryptoException(WeChatCryptoError error, string message)
        : base(message) => Error = error;

    public WeChatCryptoException(WeChatCryptoError error, string message, Exception? innerException)
        : base(message, innerException) => Error = error;

    public WeChatCryptoError Error { get; }

    /// <summary>The WXBizMsgCrypt numeric code, e.g. -40001.</summary>
    public int Code => (int)Error;
}
