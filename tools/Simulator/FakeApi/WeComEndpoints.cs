using System.Text.Json;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// WeCom (企业微信): <c>GET /cgi-bin/gettoken</c> (PROTOCOL §5.3), app messages <c>POST /cgi-bin/message/send</c>
/// (§5.4) and group robots <c>POST /cgi-bin/webhook/send?key=</c> (§5.5).
/// </summary>
public static class WeComEndpoints
{
    private static readonly HashSet<string> AppTypes =
        ["text", "image", "voice", "video", "file", "textcard", "news", "mpnews", "markdown", "miniprogram_notice", "template_card"];

    private static readonly HashSet<string> RobotTypes =
        ["text", "markdown", "markdown_v2", "image", "news", "file", "voice", "template_card"];

    public static IEndpointRouteBuilder MapWeComEndpoints(this IEndpointRouteBuilder app)
    {
        var cgi = app.MapGroup("/cgi-bin");
        cgi.MapGet("/gettoken", GetToken);
        cgi.MapPost("/message/send", AppMessageAsync);
        cgi.MapPost("/webhook/send", RobotMessageAsync);
        return app;
    }

    private static IResult GetToken(string? corpid, string? corpsecret, FakeApiState state)
    {
        if (TokenEndpoints.CheckCredentials(state, "client_credential", corpid, corpsecret) is var invalid and not 0)
        {
            // WeCom reports a wrong secret as 40001 "invalid credential".
            return ApiErrors.Result(invalid == 40125 ? 40001 : invalid);
        }

        var token = state.Tokens.WeCom(corpid!, corpsecret!);
        return TypedResults.Json(new { errcode = 0, errmsg = "ok", access_token = token.Value, expires_in = state.Tokens.SecondsLeft(token) });
    }

    private static async Task<IResult> AppMessageAsync(HttpRequest request, string? access_token, FakeApiState state)
    {
        var (body, error) = state.Tokens.Check(access_token, TokenRealm.WeCom) is var tokenError and not 0
            ? (default, tokenError)
            : await JsonBody.ReadAsync(request);
        var msgType = body.String("msgtype");
        error = error != 0 ? error
            : body.String("touser").Length + body.String("toparty").Length + body.String("totag").Length == 0 ? 81013
            : !HasAgentId(body) ? 40056
            : !AppTypes.Contains(msgType) ? 40008
            : !body.HasObject(msgType) ? 47001
            : msgType == "text" && body.String("text", "content").Length == 0 ? 44004
            : 0;
        return error != 0
            ? ApiErrors.Result(error)
            : TypedResults.Json(new
            {
                errcode = 0,
                errmsg = "ok",
                invaliduser = "",
                invalidparty = "",
                invalidtag = "",
                unlicenseduser = "",
                msgid = "sim" + state.NextMsgId(),
                response_code = "",
            });
    }

    private static async Task<IResult> RobotMessageAsync(HttpRequest request, string? key, FakeApiState state)
    {
        if (string.IsNullOrEmpty(key))
        {
            return ApiErrors.Result(93000);
        }

        var (body, error) = await JsonBody.ReadAsync(request);
        var msgType = body.String("msgtype");
        error = error != 0 ? error
            : !RobotTypes.Contains(msgType) ? 40008
            : !body.HasObject(msgType) ? 47001
            : msgType is "text" or "markdown" && body.String(msgType, "content").Length == 0 ? 44004
            : !state.Robots.TryAcquire(key) ? 45009
            : 0;
        return error == 0 ? ApiErrors.Ok() : ApiErrors.Result(error, error == 45009 ? "api freq out of limit" : null);
    }

    private static bool HasAgentId(JsonElement body) =>
        body.TryGetProperty("agentid", out var agentId)
        && (agentId.ValueKind == JsonValueKind.Number || (agentId.ValueKind == JsonValueKind.String && int.TryParse(agentId.GetString(), out _)));
}
