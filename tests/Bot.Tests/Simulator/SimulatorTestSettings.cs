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
}
