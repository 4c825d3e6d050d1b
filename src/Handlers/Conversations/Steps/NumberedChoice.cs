using System.Text;

namespace WechatLogistics.Handlers.Conversations.Steps;

/// <summary>
/// A numbered list the user answers by number (full-width digits are already folded) or by an option's exact text.
/// </summary>
public static class NumberedChoice
{
    public static string Render<T>(IReadOnlyList<T> options, Func<T, string> label)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < options.Count; i++)
        {
            builder.Append(i + 1).Append(". ").Append(label(options[i]));
            if (i < options.Count - 1)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>The chosen option, or default when the text is neither a listed number nor an option's label.</summary>
    public static T? Pick<T>(IReadOnlyList<T> options, Func<T, string> label, string text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= options.Count ? options[number - 1] : default;
        }

        foreach (var option in options)
        {
            if (string.Equals(label(option), text, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        return default;
    }

    public static string OutOfRange(int count) => count == 1 ? "请回复数字 1。" : $"请回复 1 到 {count} 之间的数字。";
}
