using System.Security.Cryptography;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// WeChat/WeCom errcodes with their usual errmsg (PROTOCOL §4.9). Errors come back as HTTP 200 with
/// <c>{"errcode":N,"errmsg":"… rid: …"}</c>, like the real API.
/// </summary>
public static class ApiErrors
{
    private static readonly Dictionary<int, string> Messages = new()
    {
        [-1] = "system error",
        [40001] = "invalid credential, access_token is invalid or not latest",
        [40002] = "invalid grant_type",
        [40003] = "invalid openid",
        [40007] = "invalid media_id",
        [40008] = "invalid message type",
        [40013] = "invalid appid",
        [40014] = "invalid access_token",
        [40029] = "invalid code",
        [40037] = "invalid template_id",
        [40056] = "invalid agentid",
        [40125] = "invalid appsecret",
        [40163] = "code been used",
        [41001] = "access_token missing",
        [41002] = "appid missing",
        [41004] = "appsecret missing",
        [41008] = "missing code",
        [42001] = "access_token expired",
        [43101] = "user refuse to accept the msg",
        [44002] = "empty post data",
        [44004] = "empty content",
        [45009] = "reach max api daily quota limit",
        [45011] = "api minute-quota reach limit",
        [45015] = "response out of time limit or subscription is canceled",
        [45047] = "out of response count limit",
        [47001] = "data format error",
        [47003] = "argument invalid!",
        [81013] = "user & party & tag all invalid",
        [93000] = "invalid webhook url",
    };

    public static string Message(int errcode) => Messages.GetValueOrDefault(errcode, "simulated error");

    /// <summary>The error body; <paramref name="hint"/> is appended the way WeChat adds "hint: …".</summary>
    public static IResult Result(int errcode, string? hint = null) =>
        TypedResults.Json(new { errcode, errmsg = $"{Message(errcode)}{(hint is null ? "" : " hint: " + hint)} rid: {Rid()}" });

    public static IResult Ok() => TypedResults.Json(new { errcode = 0, errmsg = "ok" });

    // Real rids look like "6659d5c4-1a2b3c4d-5e6f7a8b"; callers keep them for support tickets.
    private static string Rid() =>
        $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
}
