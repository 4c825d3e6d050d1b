using System.Text;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// Several messages to one recipient as one, within a channel's size limit: messages without a summary in full, then a
/// header and one line per summarised message; what does not fit is counted in a last line, so every row is accounted
/// for (the items themselves are in the staff desk).
/// </summary>
public static class OutboxDigest
{
    /// <param name="maxBytes">The channel's content limit, in UTF-8 bytes.</param>
    /// <param name="header">The header line for the number of summarised messages.</param>
    /// <param name="linePrefix">Put before each summary (a markdown quote, a bullet).</param>
    public static string Compose(IReadOnlyList<OutboxContent> contents, int maxBytes, Func<int, string> header, string linePrefix)
    {
        var summarised = contents.Count(c => c.Summary is not null);
        // (text, whether it stands for a row): the header line does not.
        var parts = contents.Where(c => c.Summary is null).Select(c => (Text: c.Text, Row: true))
            .Concat(summarised == 0 ? [] : [(header(summarised), false)])
            .Concat(contents.Where(c => c.Summary is not null).Select(c => (Text: linePrefix + c.Summary, Row: true)))
            .ToList();
        var text = new StringBuilder();
        int bytes = 0, rowsShown = 0;
        foreach (var (part, row) in parts)
        {
            var left = contents.Count - rowsShown - (row ? 1 : 0);
            var needed = Encoding.UTF8.GetByteCount(part) + (text.Length == 0 ? 0 : 1);
            var reserve = left > 0 ? Encoding.UTF8.GetByteCount(Overflow(linePrefix, left)) + 1 : 0;
            if (bytes + needed + reserve > maxBytes)
            {
                break;
            }

            text.Append(text.Length == 0 ? "" : "\n").Append(part);
            bytes += needed;
            rowsShown += row ? 1 : 0;
        }

        if (rowsShown < contents.Count)
        {
            text.Append(text.Length == 0 ? "" : "\n").Append(Overflow(linePrefix, contents.Count - rowsShown));
        }

        return text.ToString();
    }

    private static string Overflow(string linePrefix, int count) => $"{linePrefix}…另有 {count} 条，请在工作台查看";
}
