namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Mini-program login <c>GET /sns/jscode2session</c> (PROTOCOL §4.7) and temporary media <c>GET /cgi-bin/media/get</c> (§4.8).</summary>
public static class MiniProgramEndpoints
{
    /// <summary>An 8×8 green PNG: what every media_id "downloads" to.</summary>
    public static readonly byte[] SamplePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mPQqzXCihiGlgQAlgM3QYr963wAAAAASUVORK5CYII=");

    public static IEndpointRouteBuilder MapMiniProgramEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sns/jscode2session", CodeToSession);
        app.MapGet("/cgi-bin/media/get", GetMedia);
        return app;
    }

    private static IResult CodeToSession(string? appid, string? secret, string? js_code, string? grant_type, FakeApiState state)
    {
        if (TokenEndpoints.CheckCredentials(state, grant_type, appid, secret, "authorization_code") is var invalid and not 0)
        {
            return ApiErrors.Result(invalid);
        }

        var (session, errcode) = state.Codes.Exchange(js_code ?? "");
        return session is null
            ? ApiErrors.Result(errcode)
            : TypedResults.Json(new { openid = session.OpenId, session_key = session.SessionKey, unionid = session.UnionId });
    }

    private static IResult GetMedia(string? access_token, string? media_id, FakeApiState state)
    {
        var errcode = state.Tokens.Check(access_token, TokenRealm.OfficialAccount) is var tokenError and not 0 ? tokenError
            : string.IsNullOrEmpty(media_id) ? 40007
            : 0;
        // Images come back as binary with Content-disposition; errors as JSON, so clients must check Content-Type.
        return errcode == 0
            ? TypedResults.File(SamplePng, "image/png", media_id + ".png")
            : ApiErrors.Result(errcode);
    }
}
