namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Adds <c>--latency-ms</c> to every call and fails business calls as <see cref="FailureInjector"/> decides.</summary>
public sealed class FaultMiddleware(RequestDelegate next, FakeApiState state)
{
    /// <summary>Never failed on purpose: a client must always be able to get a token and retry.</summary>
    private static readonly HashSet<string> TokenPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "/cgi-bin/token", "/cgi-bin/stable_token", "/cgi-bin/gettoken",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/_sim"))
        {
            await next(context);
            return;
        }

        if (state.Options.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(state.Options.LatencyMs), context.RequestAborted);
        }

        if (!TokenPaths.Contains(path.Value ?? "") && state.Failures.Next() is { } errcode)
        {
            await ApiErrors.Result(errcode, "injected by wechat-sim").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
