using WechatLogistics.Bot.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Bot.MiniProgram.Auth;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>Sign-in: <c>wx.login</c>'s code for our tokens, refresh (rotating), sign-out. Anonymous, limited per client address.</summary>
public static class MiniAuthEndpoints
{
    public static RouteGroupBuilder MapMiniAuthEndpoints(this RouteGroupBuilder mini)
    {
        var auth = mini.MapGroup("").AllowAnonymous().RequireRateLimiting(MiniRateLimits.SignIn);
        auth.MapPost("/login", (MiniLoginRequest body, MiniLogin login, HttpResponse response, CancellationToken ct) =>
                login.LoginAsync(body.Code, response, ct))
            .WithSummary("Sign in with the code from wx.login")
            .WithExample(new MiniLoginRequest("0a1b2c3d4e5f"), MiniExamples.Tokens);
        auth.MapPost("/refresh", (MiniRefreshRequest body, MiniLogin login) => login.RefreshAsync(body.RefreshToken))
            .WithSummary("A new token pair for a refresh token (each refresh token works once)")
            .WithExample(new MiniRefreshRequest(MiniExamples.Tokens.RefreshToken), MiniExamples.Tokens);
        auth.MapPost("/logout", async (MiniRefreshRequest body, MiniLogin login) =>
        {
            await login.LogoutAsync(body.RefreshToken);
            return TypedResults.NoContent();
        }).WithSummary("Sign out: the refresh token's session ends");
        return mini;
    }
}

public sealed record MiniLoginRequest(string? Code);

public sealed record MiniRefreshRequest(string? RefreshToken);
