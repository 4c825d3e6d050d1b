using System.Globalization;
using System.Text;

namespace WechatLogistics.Wechat.Replies;

/// <summary>Writes passive-reply XML (PROTOCOL §3.2, §5.2); in safe mode it becomes the encrypted msg (§1.5).</summary>
public static class PassiveReplyWriter
{
    /// <summary>Text Content limit in UTF-8 bytes (observed for OA, documented for WeCom).</summary>
    public const int MaxTextBytes = 2048;

    public const int MaxNewsArticles = 8;

    /// <summary>
    /// Writes <paramref name="reply"/> addressed back to the sender: the request's To/From swapped, so
    /// <paramref name="toUser"/> is the user's OpenID/UserID and <paramref name="fromUser"/> our gh_ id / CorpID.
    /// </summary>
    public static string ToXml(PassiveReply reply, string toUser, string fromUser, long createTime)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(toUser);
        ArgumentNullException.ThrowIfNull(fromUser);

        // The fixed part of a reply is under 256 characters; a text reply's content comes on top (one buffer, no growth).
        var xml = new StringBuilder(256 + (reply is TextReply { Content: { } content } ? content.Length : 0))
            .Append("<xml>")
            .AppendCDataElement("ToUserName", toUser)
            .AppendCDataElement("FromUserName", fromUser)
            .AppendTextElement("CreateTime", createTime.ToString(CultureInfo.InvariantCulture));

        switch (reply)
        {
            case TextReply text:
                xml.AppendCDataElement("MsgType", "text")
                    .AppendCDataElement("Content", NormalizeText(text.Content));
                break;
            case ImageReply image:
                xml.AppendCDataElement("MsgType", "image")
                    .Append("<Image>").AppendCDataElement("MediaId", image.MediaId).Append("</Image>");
                break;
            case NewsReply news:
                AppendNews(xml, news.Articles);
                break;
            default:
                throw new NotSupportedException($"Unsupported passive reply type {reply.GetType().Name}.");
        }

        return xml.Append("</xml>").ToString();
    }

    /// <summary>CRLF → LF, then cut to <see cref="MaxTextBytes"/> UTF-8 bytes without splitting a character.</summary>
    public static string NormalizeText(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return string.Empty;
        }

        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Encoding.UTF8.GetByteCount(text) <= MaxTextBytes)
        {
            return text;
        }

        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxTextBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }

    private static void AppendNews(StringBuilder xml, IReadOnlyList<NewsArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count == 0)
        {
            throw new ArgumentException("A news reply needs at least one article.", nameof(articles));
        }

        var count = Math.Min(articles.Count, MaxNewsArticles);
        xml.AppendCDataElement("MsgType", "news")
            .AppendTextElement("ArticleCount", count.ToString(CultureInfo.InvariantCulture))
            .Append("<Articles>");
        for (var i = 0; i < count; i++)
        {
            var article = articles[i];
            xml.Append("<item>")
                .AppendCDataElement("Title", article.Title)
                .AppendCDataElement("Description", article.Description)
                .AppendCDataElement("PicUrl", article.PicUrl)
                .AppendCDataElement("Url", article.Url)
                .Append("</item>");
        }

        xml.Append("</Articles>");
    }
}
