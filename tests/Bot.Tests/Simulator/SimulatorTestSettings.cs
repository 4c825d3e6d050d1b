using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Bot.Tests.Simulator;

public static class SimulatorTestSettings
{
    /// <summary>
    /// The simulator gives up after WeChat's 5 s. On a loaded CI machine the first request to a cold in-memory bot can
    /// take longer than that, which says nothing about the bot; its own deadline is tested in DeliveryDedupeTests.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static CallbackSettings Safe { get; } = For(CallbackMode.Safe);

    public static CallbackSettings For(CallbackMode mode) => new() { Mode = mode, Deadline = Deadline };

    /// <summary>The demo WeCom app, as <c>wechat-sim chat --wecom</c> plays it.</summary>
    public static CallbackSettings WeCom { get; } = new()
    {
        Mode = CallbackMode.WeCom,
        Deadline = Deadline,
        Token = WechatLogistics.Simulator.SimulatorDefaults.WeComToken,
        EncodingAesKey = WechatLogistics.Simulator.SimulatorDefaults.WeComEncodingAesKey,
        AppId = WechatLogistics.Simulator.SimulatorDefaults.WeComCorpId,
        Account = WechatLogistics.Simulator.SimulatorDefaults.WeComCorpId,
        CallbackPath = WechatLogistics.Simulator.SimulatorDefaults.WeComCallbackPath,
    };
}
