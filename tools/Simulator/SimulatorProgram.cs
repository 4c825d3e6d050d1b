using System.Text;
using WechatLogistics.Simulator.Cli;

namespace WechatLogistics.Simulator;

/// <summary>
/// The entry point. A class with Main rather than top-level statements: tests reference this assembly next to the
/// Bot's <c>Program</c>, and top-level statements would generate a second global <c>Program</c>.
/// </summary>
internal static class SimulatorProgram
{
    public static Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return new SimulatorCli(Console.In, Console.Out, Console.Error, Console.IsInputRedirected).RunAsync(args);
    }
}
