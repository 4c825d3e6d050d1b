using System.Globalization;
using System.Text.RegularExpressions;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>Reading a digest in the tests: the numbered notices it names, and those its last line counts.</summary>
internal static partial class DigestText
{
    /// <summary>The stand-in ticket number of notice <paramref name="i"/>.</summary>
    public static string Token(int i) => $"R-TEST-{i:D3}";

    /// <summary>How many of notices 0..<paramref name="tokens"/>−1 the text stands for: named, or counted ("另有 N 条").</summary>
    public static int Accounted(string text, int tokens)
    {
        var overflow = Overflow().Match(text);
        return Enumerable.Range(0, tokens).Count(i => text.Contains(Token(i), StringComparison.Ordinal))
            + (overflow.Success ? int.Parse(overflow.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    public static int Occurrences(string text, string token) => (text.Length - text.Replace(token, "", StringComparison.Ordinal).Length) / token.Length;

    [GeneratedRegex("另有 (\\d+) 条")]
    private static partial Regex Overflow();
}
