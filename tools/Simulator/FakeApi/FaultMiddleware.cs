namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Adds <c>--latency-ms</c> to every call and fails business calls as <see cref="FailureInjector"/> decides.</summary>
public sealed class FaultMiddleware(RequestDelegate next, FakeApiState state)
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(120);

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

        if (!TokenPaths.Contains(path.Value ?? "") && state.Failures.Next() is { } fault)
        {
            await FailAsync(context, fault);
            return;
        }

        await next(context);
    }

    private static async Task FailAsync(HttpContext context, Fault fault)
    {
        context.Items[CallRecorder.InjectedKey] = fault;
        if (fault.Hang)
        {
            // Held until the client's own timeout cancels it (capped, so a client without one does not hang forever),
            // then dropped without an answer.
            try
            {
                await Task.Delay(HangLimit, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            context.Abort();
            return;
        }

        if (fault.HttpStatus != 0)
        {
            context.Response.StatusCode = fault.HttpStatus;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<html><body>{fault.HttpStatus} {CallRecorder.Injected}</body></html>", context.RequestAborted);
            return;
        }

        await ApiErrors.Result(fault.ErrCode, CallRecorder.Injected).ExecuteAsync(context);
    }
}
