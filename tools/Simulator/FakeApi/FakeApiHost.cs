using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// The fake WeChat/WeCom API on Kestrel, bound to 127.0.0.1. Built from an empty builder on purpose: it must not
/// pick up the Bot's appsettings.json (its "Urls" would move it to the bot's port) or any other ambient setting.
/// </summary>
public sealed class FakeApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeApiHost(WebApplication app, FakeApiState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    public FakeApiState State { get; }

    /// <summary>Where it listens, e.g. http://127.0.0.1:5090/ (the real port when started with port 0).</summary>
    public Uri BaseAddress { get; }

    /// <param name="output">Where each call is printed; null prints nothing.</param>
    /// <param name="time">The clock for token expiry, the 48-hour window and robot limits (FakeTimeProvider in tests).</param>
    public static Task<FakeApiHost> StartAsync(FakeApiOptions options, TextWriter? output = null, TimeProvider? time = null, CancellationToken ct = default) =>
        StartAsync(new FakeApiState(options, time ?? TimeProvider.System), options.Port, output, ct);

    /// <summary>
    /// Starts again with the memory of a stopped host (its tokens, windows, consents and call log) on
    /// <paramref name="port"/>: an outage of the WeChat API, as the bot sees it, and the end of it.
    /// </summary>
    public static async Task<FakeApiHost> StartAsync(FakeApiState state, int port, TextWriter? output = null, CancellationToken ct = default)
    {
        var options = state.Options with { Port = port };
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "wechat-sim" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        // The real API writes Chinese as is; so does the fake, which keeps /_sim/log readable.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(output is null ? TextWriter.Null : TextWriter.Synchronized(output));

        var app = builder.Build();
        app.UseMiddleware<CallRecorder>();
        app.UseMiddleware<FaultMiddleware>();
        app.MapTokenEndpoints();
        app.MapMessageEndpoints();
        app.MapMiniProgramEndpoints();
        app.MapWeComEndpoints();
        app.MapSimControlEndpoints();
        app.MapFallback((HttpRequest request) => TypedResults.Json(
            new { errcode = 404, errmsg = $"wechat-sim does not imitate {request.Method} {request.Path}" }, statusCode: 404));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeApiHost(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Until Ctrl+C (or SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
