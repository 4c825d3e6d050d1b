namespace WechatLogistics.Bot.WeChat;

public static class WeComEndpoints
{
    /// <summary><c>GET/POST /wecom/callback</c>: the WeCom self-built app callback (DESIGN.md contract).</summary>
    public static IEndpointRouteBuilder MapWeComCallback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/wecom").WithTags("WeCom callback").ExcludeFromDescription();
        group.MapGet("/callback", (HttpRequest request, WeComReceiver receiver) => receiver.Verify(request));
        group.MapPost("/callback", (HttpRequest request, WeComReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(request, ct));
        return app;
    }
}
