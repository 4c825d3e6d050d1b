namespace WechatLogistics.Wechat.Crypto;

/// <summary>
/// Everything found in a decrypted FullStr (PROTOCOL §1.4): random(16) ‖ msg_len ‖ msg ‖ receiveid ‖ pad.
/// </summary>
/// <param name="Message">The msg part, UTF-8 decoded, never trimmed.</param>
/// <param name="ReceiveId">The AppID/CorpID found after the message.</param>
/// <param name="RandomAscii">The 16-byte random prefix, one char per byte (Latin-1).</param>
/// <param name="MessageLength">msg_len in bytes.</param>
/// <param name="FullLength">FullStr length without the pad: 16 + 4 + msg_len + receiveid bytes.</param>
/// <param name="CipherLength">Ciphertext length in bytes.</param>
/// <param name="PadByte">The last byte of the decrypted buffer (PKCS#7, 1..32).</param>
public sealed record DecryptedPayload(
    string Message,
    string ReceiveId,
    string RandomAscii,
    int MessageLength,
    int FullLength,
    int CipherLength,
    int PadByte);
