namespace WechatLogistics.Bot.WeChat;

public static class OfficialAccountEndpoints
{
    /// <summary><c>GET/POST /wechat/callback</c>: the Official Account server callback (DESIGN.md contract).</summary>
    public static IEndpointRouteBuilder MapOfficialAccountCallback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/wechat").WithTags("WeChat callback").ExcludeFromDescription()
            .RequireRateLimiting(CallbackRateLimitPolicy.Name);
        group.MapGet("/callback", (HttpRequest request, OfficialAccountReceiver receiver) => receiver.Verify(request));
        group.MapPost("/callback", (HttpRequest request, OfficialAccountReceiver receiver, CancellationToken ct) =>
            receiver.ReceiveAsync(request, ct));
        return app;
    }
}
