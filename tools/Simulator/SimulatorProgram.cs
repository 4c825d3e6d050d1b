namespace WechatLogistics.Simulator;

internal static class SimulatorProgram
{
    public static int Main(string[] args) => 0;
}
