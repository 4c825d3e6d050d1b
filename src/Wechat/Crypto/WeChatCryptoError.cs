namespace WechatLogistics.Wechat.Crypto;

/// <summary>WXBizMsgCrypt error codes (PROTOCOL §1.6). Local library codes, never sent by WeChat.</summary>
public enum WeChatCryptoError
{
    ValidateSignature = -40001,
    ParseXml = -40002,
    ComputeSignature = -40003,
    IllegalAesKey = -40004,
    ValidateReceiveId = -40005,
    EncryptAes = -40006,
    DecryptAes = -40007,
    IllegalBuffer = -40008,
    EncodeBase64 = -40009,
    DecodeBase64 = -40010,
    GenReturnXml = -40011,
}
