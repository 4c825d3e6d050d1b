using System.Text;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>Folds what users type on phones into one form so keywords and numbers match.</summary>
public static class TextNormalizer
{
    public const int MaxLength = 2000;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var span = text.AsSpan().Trim();
        if (span.Length > MaxLength)
        {
            span = span[..MaxLength];
        }

        var builder = new StringBuilder(span.Length);
        foreach (var c in span)
        {
            builder.Append(c switch
            {
                // Full-width digits and letters (Chinese IME) to ASCII; ideographic space to a normal space.
                >= '\uFF10' and <= '\uFF19' => (char)(c - '\uFF10' + '0'),
                >= '\uFF21' and <= '\uFF3A' => (char)(c - '\uFF21' + 'A'),
                >= '\uFF41' and <= '\uFF5A' => (char)(c - '\uFF41' + 'a'),
                '\u3000' => ' ',
                '\r' => '\n',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
