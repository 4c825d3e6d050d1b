using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>A fake API started in-process on a free port, with a controllable clock, and a client for it.</summary>
public sealed class FakeApiClient : IAsyncDisposable
{
    private FakeApiClient(FakeApiHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        Http = host.CreateClient();
    }

    public FakeApiHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public static async Task<FakeApiClient> StartAsync(FakeApiOptions? options = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var host = await FakeApiHost.StartAsync((options ?? new FakeApiOptions()) with { Port = 0 }, time: clock);
        return new FakeApiClient(host, clock);
    }

    public async Task<string> StableTokenAsync(bool forceRefresh = false)
    {
        var json = await PostAsync("/cgi-bin/stable_token",
            new { grant_type = "client_credential", appid = "wxdemo0c4a11e9c8f0", secret = "demo-app-secret-change-me", force_refresh = forceRefresh });
        return json.GetProperty("access_token").GetString()!;
    }

    public Task<JsonElement> SendTextAsync(string token, string user = "o-student", string content = "您的报修单 #123 已派单") =>
        PostAsync($"/cgi-bin/message/custom/send?access_token={token}", new { touser = user, msgtype = "text", text = new { content } });

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> GetAsync(string path) => Http.GetFromJsonAsync<JsonElement>(path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

public static class ErrcodeExtensions
{
    /// <summary>errcode, or 0 when the body has none (token and jscode2session successes).</summary>
    public static int Errcode(this JsonElement json) =>
        json.TryGetProperty("errcode", out var code) ? code.GetInt32() : 0;
}
