namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// Mini-program login <c>GET /sns/jscode2session</c> (PROTOCOL §4.7), temporary media <c>GET /cgi-bin/media/get</c> (§4.8),
/// and the follower's UnionId <c>GET /cgi-bin/user/info</c>, which links the two apps' OpenIds of one student.
/// </summary>
public static class MiniProgramEndpoints
{
    /// <summary>An 8×8 green PNG: what every media_id "downloads" to.</summary>
    public static readonly byte[] SamplePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mPQqzXCihiGlgQAlgM3QYr963wAAAAASUVORK5CYII=");

    public static IEndpointRouteBuilder MapMiniProgramEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sns/jscode2session", CodeToSession);
        app.MapGet("/cgi-bin/media/get", GetMedia);
        app.MapGet("/cgi-bin/user/info", UserInfo);
        return app;
    }

    private static IResult CodeToSession(string? appid, string? secret, string? js_code, string? grant_type, FakeApiState state)
    {
        if (TokenEndpoints.CheckCredentials(state, grant_type, appid, secret, "authorization_code") is var invalid and not 0)
        {
            return ApiErrors.Result(invalid);
        }

        var (session, errcode) = state.Codes.Exchange(js_code ?? "");
        // Like the real API, an unbound app's answer has no unionid field at all (not null).
        return session is null ? ApiErrors.Result(errcode)
            : state.Options.UnionIds ? TypedResults.Json(new { openid = session.OpenId, session_key = session.SessionKey, unionid = session.UnionId })
            : TypedResults.Json(new { openid = session.OpenId, session_key = session.SessionKey });
    }

    /// <summary>
    /// <c>GET /cgi-bin/user/info</c> (Official Account). The same student NAME is <c>oa-NAME</c> to the Official Account
    /// and <c>o-NAME</c> to the mini-program (OpenIds are per app); both carry UnionId <c>u-NAME</c>. Other OpenIds have none.
    /// </summary>
    private static IResult UserInfo(string? access_token, string? openid, FakeApiState state)
    {
        var errcode = state.Tokens.Check(access_token, TokenRealm.OfficialAccount) is var tokenError and not 0 ? tokenError
            : string.IsNullOrEmpty(openid) ? 40003
            : 0;
        if (errcode != 0)
        {
            return ApiErrors.Result(errcode);
        }

        var since = state.Time.GetUtcNow().ToUnixTimeSeconds();
        return state.Options.UnionIds && openid!.StartsWith("oa-", StringComparison.Ordinal) && openid.Length > 3
            ? TypedResults.Json(new { subscribe = 1, openid, unionid = "u-" + openid[3..], subscribe_time = since })
            : TypedResults.Json(new { subscribe = 1, openid, subscribe_time = since });
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
