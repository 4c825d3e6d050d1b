namespace WechatLogistics.WebhookBench;

/// <summary>
/// The baseline: Kestrel reading the body and answering "success", with nothing else in the way. Any path, GET or
/// POST: the webhook bench posts to /wechat/callback, the mini-program bench calls /api/mini/tickets.
/// </summary>
internal static class BaselineServer
{
    public static async Task RunAsync(string[] args)
    {
        var port = BenchProgram.Option(args, "--port", "5099");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapMethods("/{**path}", ["GET", "POST"], async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            await reader.ReadToEndAsync();
            return Results.Text("success", "text/plain");
        });
        await app.RunAsync();
    }
}
