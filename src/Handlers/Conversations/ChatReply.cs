namespace WechatLogistics.Handlers.Conversations;

/// <summary>What the bot answers. <see cref="None"/> means "nothing to say" (the receiver answers <c>success</c>).</summary>
public abstract record ChatReply
{
    public static ChatReply None { get; } = new NoReply();

    public static ChatReply Text(string content) => new TextChatReply(content);
}

public sealed record NoReply : ChatReply;

public sealed record TextChatReply(string Content) : ChatReply;

public sealed record NewsChatReply(IReadOnlyList<NewsChatArticle> Articles) : ChatReply;

public sealed record NewsChatArticle(string Title, string Description, string? PictureUrl, string? Url);
