namespace WechatLogistics.Wechat.Tests.Support;

/// <summary>
/// Parses a query string as sent (percent-encoded, no '?'). '+' is kept as '+': WeChat percent-encodes
/// Base64 (%2B %2F %3D), and turning '+' into a space would corrupt an echostr.
/// </summary>
public static class QueryString
{
    public static IReadOnlyDictionary<string, string> Parse(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            result.Add(name, value);
        }

        return result;
    }
}
