namespace WechatLogistics.Wechat.Replies;

/// <summary>A passive reply (被动回复), written as XML by <see cref="PassiveReplyWriter"/> (PROTOCOL §3.2).</summary>
public abstract record PassiveReply;

/// <summary>Text; CRLF becomes LF and it is cut to <see cref="PassiveReplyWriter.MaxTextBytes"/> UTF-8 bytes.</summary>
public sealed record TextReply(string Content) : PassiveReply;

/// <summary>An image by MediaId (media/upload or permanent material; GIF not supported).</summary>
public sealed record ImageReply(string MediaId) : PassiveReply;

public sealed record NewsArticle(string Title, string Description, string? PicUrl, string? Url);

/// <summary>
/// News (图文): 1..8 articles; only the first <see cref="PassiveReplyWriter.MaxNewsArticles"/> are
/// written, as WeChat drops the rest. After a user message WeChat shows only 1: callers limit it.
/// </summary>
public sealed record NewsReply(IReadOnlyList<NewsArticle> Articles) : PassiveReply;
