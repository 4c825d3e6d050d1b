namespace WechatLogistics.Simulator.Callback;

/// <summary>The account's 消息加解密方式 (PROTOCOL §1.1, §1.3).</summary>
public enum CallbackMode
{
    /// <summary>明文: plaintext XML, 3-field signature only.</summary>
    Plain,

    /// <summary>兼容: plaintext fields plus &lt;Encrypt&gt;; the reply may be plaintext or encrypted.</summary>
    Compatible,

    /// <summary>安全: ciphertext only; the reply must be encrypted.</summary>
    Safe,

    /// <summary>A WeCom self-built app (PROTOCOL §5.2): always encrypted, msg_signature only, AgentID in the envelope.</summary>
    WeCom,
}

public static class CallbackModes
{
    public static bool TryParse(string text, out CallbackMode mode)
    {
        CallbackMode? parsed = text.ToLowerInvariant() switch
        {
            "plain" => CallbackMode.Plain,
            "compat" or "compatible" => CallbackMode.Compatible,
            "safe" => CallbackMode.Safe,
            "wecom" => CallbackMode.WeCom,
            _ => null,
        };
        mode = parsed ?? CallbackMode.Safe;
        return parsed is not null;
    }

    public static bool IsEncrypted(this CallbackMode mode) => mode != CallbackMode.Plain;

    /// <summary>The name used on the command line.</summary>
    public static string Name(this CallbackMode mode) => mode switch
    {
        CallbackMode.Plain => "plain",
        CallbackMode.Compatible => "compat",
        CallbackMode.WeCom => "wecom",
        _ => "safe",
    };
}
