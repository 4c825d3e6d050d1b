namespace WechatLogistics.Simulator.Callback;

public enum AnswerKind
{
    /// <summary>A passive reply the user would see.</summary>
    Reply,

    /// <summary><c>success</c> or an empty body: nothing shown now (PROTOCOL §3.1).</summary>
    NoReply,

    /// <summary>A non-200 status: WeChat counts it as a failure and retries.</summary>
    HttpError,

    /// <summary>No answer within 5 s: WeChat drops the connection and retries.</summary>
    TimedOut,

    /// <summary>The bot could not be reached at all.</summary>
    Unreachable,

    /// <summary>A 200 answer WeChat could not use (bad XML, undecryptable): the user sees 该公众号暂时无法提供服务.</summary>
    Unreadable,
}

/// <summary>What the bot answered to one push, as the user would experience it.</summary>
/// <param name="Text">The reply as shown to the user (text content, a news/image summary, or a note in parentheses).</param>
/// <param name="Warnings">Protocol violations found in the answer (bad MsgSignature, wrong addressee…).</param>
public sealed record BotAnswer(AnswerKind Kind, string Text, IReadOnlyList<string> Warnings)
{
    public const string NoReplyText = "(no passive reply)";

    public static BotAnswer Problem(AnswerKind kind, string text) => new(kind, text, []);

    public bool IsClean => Kind is AnswerKind.Reply or AnswerKind.NoReply && Warnings.Count == 0;
}
