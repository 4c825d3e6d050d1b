namespace WechatLogistics.WebhookBench;

/// <summary>
/// Helpers for bench/webhook.sh: <c>gen</c> pre-generates unique signed safe-mode pushes for wrk, <c>baseline</c>
/// serves the minimal Kestrel endpoint the Bot is compared against. <c>dialogs</c> drives bench/dialogs.sh.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "gen":
                PushGenerator.Run(args[1..]);
                return 0;
            case "dialogs":
                return await DialogBench.RunAsync(args[1..]);
            case "baseline":
                await BaselineServer.RunAsync(args[1..]);
                return 0;
            default:
                Console.Error.WriteLine("usage: webhook-bench gen --count N --out FILE [--text 帮助] | baseline --port 5099 | dialogs --bot URL --users 500 [--rounds 2] [--api-port 5102]");
                return 2;
        }
    }

    public static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
