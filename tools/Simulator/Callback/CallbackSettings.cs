namespace WechatLogistics.Simulator.Callback;

/// <summary>What the WeChat server knows about the account it pushes to: the console's 服务器配置.</summary>
public sealed record CallbackSettings
{
    public CallbackMode Mode { get; init; } = CallbackMode.Safe;

    public string Token { get; init; } = SimulatorDefaults.Token;

    public string EncodingAesKey { get; init; } = SimulatorDefaults.EncodingAesKey;

    public string AppId { get; init; } = SimulatorDefaults.AppId;

    /// <summary>The account's original ID (gh_…), sent as ToUserName.</summary>
    public string Account { get; init; } = SimulatorDefaults.Account;

    /// <summary>The WeCom app's AgentID (WeCom mode only).</summary>
    public int AgentId { get; init; } = SimulatorDefaults.WeComAgentId;

    /// <summary>Path of the callback URL, relative to the HttpClient's base address.</summary>
    public string CallbackPath { get; init; } = SimulatorDefaults.CallbackPath;

    /// <summary>WeChat drops the connection after 5 s without an answer, then retries (PROTOCOL §3.1).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(5);
}
