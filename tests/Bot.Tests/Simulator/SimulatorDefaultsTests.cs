using WechatLogistics.Bot.Configuration;
using WechatLogistics.Simulator;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The simulator signs with its own copy of the demo credentials: a drift would make every push a 401.</summary>
public sealed class SimulatorDefaultsTests
{
    [Fact]
    public void DemoCredentials_AreTheOnesTheBotShipsWith()
    {
        Assert.Equal(DemoCredentials.AppId, SimulatorDefaults.AppId);
        Assert.Equal(DemoCredentials.Token, SimulatorDefaults.Token);
        Assert.Equal(DemoCredentials.EncodingAesKey, SimulatorDefaults.EncodingAesKey);
    }

    [Fact]
    public void DemoWeComApp_IsTheOneTheBotShipsWith()
    {
        Assert.Equal(DemoCredentials.WeComCorpId, SimulatorDefaults.WeComCorpId);
        Assert.Equal(DemoCredentials.WeComToken, SimulatorDefaults.WeComToken);
        Assert.Equal(DemoCredentials.WeComEncodingAesKey, SimulatorDefaults.WeComEncodingAesKey);
    }
}
