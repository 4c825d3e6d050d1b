namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// <c>/_sim/…</c>: what the real API learns from users rather than from the account (a user wrote in, a user accepted
/// a subscribe message), failure injection at run time, and the call log for tests and scripts.
/// </summary>
public static class SimControlEndpoints
{
    public static IEndpointRouteBuilder MapSimControlEndpoints(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapPost("/interaction", RecordInteraction);
        sim.MapPost("/consent", GrantConsent);
        sim.MapPost("/fail", QueueFailures);
        sim.MapGet("/log", (FakeApiState state) => TypedResults.Ok(state.Log.Snapshot()));
        sim.MapDelete("/log", (FakeApiState state) =>
        {
            state.Log.Clear();
            return TypedResults.NoContent();
        });
        return app;
    }

    private static IResult RecordInteraction(string? openid, FakeApiState state) =>
        string.IsNullOrEmpty(openid)
            ? TypedResults.BadRequest(new { error = "openid is required" })
            : TypedResults.Ok(new { openid, window_until = state.Window.RecordInteraction(openid) });

    private static IResult GrantConsent(string? openid, string? template_id, FakeApiState state) =>
        string.IsNullOrEmpty(openid) || string.IsNullOrEmpty(template_id)
            ? TypedResults.BadRequest(new { error = "openid and template_id are required" })
            : TypedResults.Ok(new { openid, template_id, credits = state.Consents.Grant(openid, template_id) });

    private static IResult QueueFailures(string? codes, FakeApiState state)
    {
        var parsed = FailCodes.TryParse(codes);
        if (parsed is null)
        {
            return TypedResults.BadRequest(new { error = "codes must be " + FailCodes.Syntax });
        }

        state.Failures.Enqueue(parsed);
        return TypedResults.Ok(new { queued = parsed.Select(f => f.ToString()) });
    }
}
