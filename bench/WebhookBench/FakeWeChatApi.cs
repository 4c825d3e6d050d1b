using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;

namespace WechatLogistics.WebhookBench;

/// <summary>
/// The two WeChat API calls the Bot makes when an answer misses the passive-reply deadline (4 s): a token and a
/// customer-service message. The dialog driver waits here for such a "deferred" answer, so a slow reply is still
/// measured (and checked) instead of being lost as a bare <c>success</c>.
/// </summary>
internal sealed class FakeWeChatApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Channel<string>> _inbox = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private FakeWeChatApi(WebApplication app) => _app = app;

    public static async Task<FakeWeChatApi> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var api = new FakeWeChatApi(app);
        const string token = """{"access_token":"bench-access-token","expires_in":7200}""";
        app.MapPost("/cgi-bin/stable_token", () => Results.Text(token, "application/json"));
        app.MapGet("/cgi-bin/token", () => Results.Text(token, "application/json"));
        app.MapPost("/cgi-bin/message/custom/send", async (HttpRequest request) =>
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            var root = json.RootElement;
            var user = root.GetProperty("touser").GetString() ?? "";
            var content = root.TryGetProperty("text", out var text) ? text.GetProperty("content").GetString() ?? "" : "(" + root.GetProperty("msgtype").GetString() + ")";
            api.InboxOf(user).Writer.TryWrite(content);
            return Results.Text("""{"errcode":0,"errmsg":"ok"}""", "application/json");
        });
        await app.StartAsync();
        return api;
    }

    /// <summary>The next customer-service message sent to <paramref name="user"/>, or null after <paramref name="timeout"/>.</summary>
    public async Task<string?> NextMessageAsync(string user, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await InboxOf(user).Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private Channel<string> InboxOf(string user) => _inbox.GetOrAdd(user, _ => Channel.CreateUnbounded<string>());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
