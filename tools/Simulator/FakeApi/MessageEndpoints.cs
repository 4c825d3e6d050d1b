using System.Text.Json;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// Official Account / mini-program messages: customer-service (PROTOCOL §4.4), template (§4.5) and subscribe (§4.6:
/// the mini-program's subscribe/send and the Official Account's subscribe/bizsend share one consent ledger).
/// </summary>
public static class MessageEndpoints
{
    private static readonly HashSet<string> CustomTypes =
        ["text", "image", "voice", "video", "music", "news", "mpnews", "mpnewsarticle", "msgmenu", "wxcard", "miniprogrampage"];

    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var message = app.MapGroup("/cgi-bin/message");
        message.MapPost("/custom/send", CustomSendAsync);
        message.MapPost("/template/send", TemplateSendAsync);
        message.MapPost("/subscribe/send", SubscribeSendAsync);
        message.MapPost("/subscribe/bizsend", SubscribeSendAsync);
        return app;
    }

    private static async Task<IResult> CustomSendAsync(HttpRequest request, string? access_token, FakeApiState state)
    {
        var (body, error) = await ReadAuthorizedAsync(request, access_token, state);
        var msgType = body.String("msgtype");
        error = error != 0 ? error
            : body.String("touser").Length == 0 ? 40003
            : !CustomTypes.Contains(msgType) ? 40008
            : !body.HasObject(msgType) ? 47001
            : msgType == "text" && body.String("text", "content").Length == 0 ? 44004
            : state.Window.TrySend(body.String("touser"), state.Options.StrictWindow);
        return error == 0 ? ApiErrors.Ok() : ApiErrors.Result(error);
    }

    private static async Task<IResult> TemplateSendAsync(HttpRequest request, string? access_token, FakeApiState state)
    {
        var (body, error) = await ReadAuthorizedAsync(request, access_token, state);
        error = error != 0 ? error : CheckTemplateMessage(body);
        return error == 0
            ? TypedResults.Json(new { errcode = 0, errmsg = "ok", msgid = state.NextMsgId() })
            : ApiErrors.Result(error);
    }

    private static async Task<IResult> SubscribeSendAsync(HttpRequest request, string? access_token, FakeApiState state)
    {
        var (body, error) = await ReadAuthorizedAsync(request, access_token, state);
        // One acceptance allows one send (PROTOCOL §4.6): the credit is used only by a send that is otherwise valid.
        error = error != 0 ? error
            : CheckTemplateMessage(body) is var invalid and not 0 ? invalid
            : state.Consents.TryConsume(body.String("touser"), body.String("template_id"), state.Options.StrictConsent);
        return error == 0
            ? TypedResults.Json(new { errcode = 0, errmsg = "ok", msgid = state.NextMsgId() })
            : ApiErrors.Result(error);
    }

    private static int CheckTemplateMessage(JsonElement body) =>
        body.String("touser").Length == 0 ? 40003
        : body.String("template_id").Length == 0 ? 40037
        : !body.HasObject("data") ? 47003
        : 0;

    /// <summary>The token is checked before the body, as the real API does.</summary>
    private static async Task<(JsonElement Body, int Errcode)> ReadAuthorizedAsync(HttpRequest request, string? accessToken, FakeApiState state) =>
        state.Tokens.Check(accessToken, TokenRealm.OfficialAccount) is var tokenError and not 0
            ? (default, tokenError)
            : await JsonBody.ReadAsync(request);
}
