using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// Records every API call (not the <c>/_sim</c> control calls) with the errcode it got, and prints one line per call:
/// <c>POST /cgi-bin/message/custom/send touser=o-demo msgtype=text "您的报修单…" → 0 ok</c>.
/// </summary>
public sealed class CallRecorder(RequestDelegate next, FakeApiState state, TextWriter output)
{
    private const int ShortContent = 40;

    /// <summary>The errcode recorded for a call the fake never answered (an injected hang); not a platform code.</summary>
    public const int NoAnswer = -2;

    /// <summary>Said by the errmsg of every failure the fake made on purpose (<c>--fail</c>, <c>/_sim/fail</c>,
    /// <c>--fail-rate</c>), so a reader can tell them from the platform's own refusals, such as a robot's rate limit.</summary>
    public const string Injected = "injected by wechat-sim";

    /// <summary>The <see cref="HttpContext.Items"/> key under which <see cref="FaultMiddleware"/> leaves the fault it made.</summary>
    internal const string InjectedKey = "wechat-sim.fault";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_sim"))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        request.EnableBuffering();
        var body = await new StreamReader(request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // A hung call (injected) was dropped without an answer: recorded as errcode -2 "no answer", nothing to copy.
        var dropped = context.RequestAborted.IsCancellationRequested;
        var (errcode, errmsg) = dropped ? (NoAnswer, "no answer (the client gave up)") : ReadOutcome(context.Response, buffer);
        if (context.Items.ContainsKey(InjectedKey) && !errmsg.Contains(Injected, StringComparison.Ordinal))
        {
            errmsg += " " + Injected;
        }
        if (!dropped)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }

        var json = Parse(body);
        var call = new FakeApiCall(
            state.Log.NextSeq(),
            state.Time.GetUtcNow(),
            request.Method,
            request.Path.Value ?? "",
            MaskQuery(request.QueryString.Value),
            json?["touser"]?.ToString(),
            json?["msgtype"]?.ToString(),
            ContentOf(json),
            MaskBody(json, body),
            context.Response.StatusCode,
            errcode,
            errmsg);
        state.Log.Add(call);
        Print(call);
    }

    private void Print(FakeApiCall call)
    {
        var line = $"[api] {call.Method} {call.Path}";
        line += QueryForPrint(call.Query);
        line += call.ToUser is null ? "" : $" touser={call.ToUser}";
        line += call.MsgType is null ? "" : $" msgtype={call.MsgType}";
        line += call.Content is null ? "" : $" \"{Shorten(call.Content)}\"";
        var errmsg = call.ErrMsg.IndexOf(" rid: ", StringComparison.Ordinal) is var rid and >= 0 ? call.ErrMsg[..rid] : call.ErrMsg;
        output.WriteLine($"{line} → {call.ErrCode} {errmsg}");
    }

    /// <summary>The query without the access_token (long and the same on every call).</summary>
    private static string QueryForPrint(string query)
    {
        var pairs = QueryHelpers.ParseQuery(query).Where(p => p.Key != "access_token").Select(p => $"{p.Key}={p.Value}").ToList();
        return pairs.Count == 0 ? "" : " " + string.Join(' ', pairs);
    }

    private static (int Errcode, string Errmsg) ReadOutcome(HttpResponse response, MemoryStream buffer)
    {
        if (response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return response.StatusCode == 200 ? (0, $"ok ({response.ContentType}, {buffer.Length} bytes)") : (response.StatusCode, $"HTTP {response.StatusCode}");
        }

        var json = Parse(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        var errcode = json?["errcode"]?.GetValue<int>() ?? 0;
        return (errcode, json?["errmsg"]?.ToString() ?? "ok");
    }

    /// <summary>The human-readable part: text/markdown content, a textcard title, or the template id.</summary>
    private static string? ContentOf(JsonNode? json) =>
        (json?["text"]?["content"] ?? json?["markdown"]?["content"] ?? json?["textcard"]?["title"] ?? json?["template_id"])?.ToString();

    private static string MaskQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var pairs = QueryHelpers.ParseQuery(query).Select(p =>
            p.Key + "=" + (p.Key is "secret" or "corpsecret" ? "***" : p.Value.ToString()));
        return "?" + string.Join('&', pairs);
    }

    // The bot sends its real AppSecret if it is configured with one: never print or keep it.
    private static string MaskBody(JsonNode? json, string body)
    {
        if (json is JsonObject obj && obj.ContainsKey("secret"))
        {
            obj["secret"] = "***";
            return obj.ToJsonString();
        }

        return body;
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= ShortContent ? oneLine : oneLine[..ShortContent] + "…";
    }
}
