using System.Text.RegularExpressions;

namespace WechatLogistics.Wechat.Api;

/// <summary>
/// Removes credential values from anything that may reach a log line or an exception message:
/// URL query values (<c>access_token=…</c>, <c>secret=…</c>, <c>corpsecret=…</c>, <c>key=…</c>, <c>js_code=…</c>,
/// <c>session_key=…</c>) and the same names as JSON properties.
/// </summary>
public static partial class WeChatRedaction
{
    public const string Mask = "***";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var redacted = QueryValue().Replace(text, m => m.Groups["name"].Value + "=" + Mask);
        return JsonValue().Replace(redacted, m => m.Groups["head"].Value + Mask + "\"");
    }

    [GeneratedRegex(@"\b(?<name>access_token|corpsecret|secret|session_key|js_code|key)=[^&\s""'#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryValue();

    [GeneratedRegex(@"(?<head>""(?:access_token|corpsecret|secret|session_key|js_code|key)""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonValue();
}
