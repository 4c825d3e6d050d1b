using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.MiniProgram.Sessions;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Domain.Students;
using WechatLogistics.Handlers.Students;
using WechatLogistics.Wechat.Api;

namespace WechatLogistics.Bot.MiniProgram.Auth;

/// <summary>
/// <c>wx.login</c> code → <c>sns/jscode2session</c> → our own tokens (PROTOCOL §4.7). The session_key WeChat returns is
/// dropped here: it never leaves this method, is never stored and never logged. Refresh tokens rotate at each use.
/// </summary>
public sealed partial class MiniLogin(
    MiniProgramApiClient wechat,
    IMiniSessionStore sessions,
    MiniTokens tokens,
    ISender sender,
    IOptions<MiniApiOptions> options,
    TimeProvider time,
    ILogger<MiniLogin> logger)
{
    public const int MaxCodeLength = 128;

    private TimeSpan RefreshLifetime => TimeSpan.FromDays(options.Value.RefreshTokenDays);

    public async Task<Results<Ok<MiniTokenResponse>, ProblemHttpResult>> LoginAsync(string? code, HttpResponse response, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength)
        {
            throw new Handlers.Common.ValidationException([new("code", "缺少登录凭证 code，请重新登录。")]);
        }

        if (!wechat.IsConfigured)
        {
            return MiniProblems.Problem(StatusCodes.Status503ServiceUnavailable, "mini.not_configured", "小程序登录暂未开通");
        }

        string openId;
        string? unionId;
        try
        {
            var session = await wechat.Api.Code2SessionAsync(code, ct);
            (openId, unionId) = (session.OpenId, session.UnionId);
        }
        catch (WeChatApiException ex)
        {
            LogCodeRefused(logger, ex.ErrorCode);
            return Refusal(ex.ErrorCode, response);
        }
        catch (WeChatTransportException ex)
        {
            LogWeChatUnreachable(logger, ex.Message);
            return MiniProblems.Problem(StatusCodes.Status503ServiceUnavailable, "mini.login_unavailable", "微信登录暂时不可用，请稍后再试");
        }

        var identity = await sender.Send(new RecordStudentIdentityCommand(openId, StudentChannel.MiniProgram, unionId), ct);
        var sessionId = Guid.NewGuid().ToString("N");
        var secret = NewSecret();
        await sessions.CreateAsync(sessionId, openId, Hash(secret), RefreshLifetime);
        LogSignedIn(logger, LogIds.ShortUser(openId), identity.Linked.Count > 1);
        return TypedResults.Ok(Tokens(openId, sessionId, secret));
    }

    public async Task<Results<Ok<MiniTokenResponse>, ProblemHttpResult>> RefreshAsync(string? refreshToken)
    {
        if (Parse(refreshToken) is not var (sessionId, secret))
        {
            return Expired();
        }

        var next = NewSecret();
        var outcome = await sessions.RotateAsync(sessionId, Hash(secret), Hash(next), RefreshLifetime);
        if (outcome.Status == RefreshStatus.Reused)
        {
            LogRefreshReused(logger);
        }

        return outcome is { Status: RefreshStatus.Rotated, OpenId: { } openId } ? TypedResults.Ok(Tokens(openId, sessionId, next)) : Expired();
    }

    /// <summary>Ends the session of a refresh token (sign-out); an unknown token is already signed out.</summary>
    public async Task LogoutAsync(string? refreshToken)
    {
        if (Parse(refreshToken) is var (sessionId, _))
        {
            await sessions.RevokeAsync(sessionId);
        }
    }

    private MiniTokenResponse Tokens(string openId, string sessionId, string secret)
    {
        var access = tokens.Issue(openId, sessionId);
        return new MiniTokenResponse(access.Token, "Bearer", access.ExpiresAt, $"{sessionId}.{secret}", time.GetUtcNow() + RefreshLifetime);
    }

    private static ProblemHttpResult Refusal(int errcode, HttpResponse response)
    {
        switch (errcode)
        {
            case 40029 or 40163 or 41008:
                return MiniProblems.Problem(StatusCodes.Status401Unauthorized, "mini.invalid_code", "登录凭证无效或已过期，请重新登录");
            case 45011:
                // 100 logins per user per minute (PROTOCOL §4.7).
                response.Headers.RetryAfter = "60";
                return MiniProblems.Problem(StatusCodes.Status429TooManyRequests, "mini.login_too_frequent", "登录太频繁，请一分钟后再试");
            case 40226:
                return MiniProblems.Problem(StatusCodes.Status403Forbidden, "mini.login_blocked", "该微信账号暂时无法登录，请联系后勤服务中心");
            default:
                return MiniProblems.Problem(StatusCodes.Status503ServiceUnavailable, "mini.login_unavailable", "微信登录暂时不可用，请稍后再试");
        }
    }

    private static ProblemHttpResult Expired() =>
        MiniProblems.Problem(StatusCodes.Status401Unauthorized, "mini.refresh_invalid", "登录已过期，请重新登录");

    private static (string SessionId, string Secret)? Parse(string? refreshToken) =>
        refreshToken?.Split('.') is [{ Length: 32 } sessionId, { Length: > 0 and <= 64 } secret] ? (sessionId, secret) : null;

    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Mini-program sign-in {User} (linked to another channel: {Linked})")]
    private static partial void LogSignedIn(ILogger logger, string user, bool linked);

    [LoggerMessage(Level = LogLevel.Information, Message = "jscode2session refused the login code: errcode {Errcode}")]
    private static partial void LogCodeRefused(ILogger logger, int errcode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "jscode2session unreachable: {Reason}")]
    private static partial void LogWeChatUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A replaced refresh token was presented again: its session is revoked")]
    private static partial void LogRefreshReused(ILogger logger);
}

/// <param name="RefreshToken">Opaque; send it to <c>/api/mini/refresh</c> for a new pair (it works once).</param>
public sealed record MiniTokenResponse(
    string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt);
