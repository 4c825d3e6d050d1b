namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Official Account tokens: <c>POST /cgi-bin/stable_token</c> (PROTOCOL §4.2) and <c>GET /cgi-bin/token</c> (§4.1).</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var cgi = app.MapGroup("/cgi-bin");
        cgi.MapPost("/stable_token", StableTokenAsync);
        cgi.MapGet("/token", Token);
        return app;
    }

    private static async Task<IResult> StableTokenAsync(HttpRequest request, FakeApiState state)
    {
        var (body, error) = await JsonBody.ReadAsync(request);
        if (error != 0)
        {
            return ApiErrors.Result(error);
        }

        var appId = body.String("appid");
        if (CheckCredentials(state, body.String("grant_type"), appId, body.String("secret")) is var code and not 0)
        {
            return ApiErrors.Result(code);
        }

        var token = state.Tokens.Stable(appId, body.Bool("force_refresh"));
        return TypedResults.Json(new { access_token = token.Value, expires_in = state.Tokens.SecondsLeft(token) });
    }

    private static IResult Token(string? grant_type, string? appid, string? secret, FakeApiState state)
    {
        if (CheckCredentials(state, grant_type, appid, secret) is var code and not 0)
        {
            return ApiErrors.Result(code);
        }

        var token = state.Tokens.Classic(appid!);
        return TypedResults.Json(new { access_token = token.Value, expires_in = state.Tokens.SecondsLeft(token) });
    }

    /// <summary>Shared by the token calls and jscode2session: 0, or the errcode for a bad or missing credential.</summary>
    public static int CheckCredentials(FakeApiState state, string? grantType, string? appId, string? secret, string expectedGrant = "client_credential") =>
        grantType != expectedGrant ? 40002
        : string.IsNullOrEmpty(appId) ? 41002
        : string.IsNullOrEmpty(secret) ? 41004
        : state.Options.Secret is { } expected && secret != expected ? 40125
        : 0;
}
