using System.Net;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>
/// One student chatting with the bot through <c>/wechat/callback</c>: every message a signed, encrypted (safe mode)
/// push with its own MsgId, the answer decrypted to its text.
/// </summary>
public sealed class ChatUser(BotFactory host, string openId)
{
    private readonly HttpClient _client = host.CreateClient();
    private readonly WeChatPush _push = new();

    public string OpenId { get; } = openId;

    /// <summary>The MsgId of the last text sent, for replaying it as a WeChat retry.</summary>
    public long LastMsgId { get; private set; }

    public static long NewMsgId() => Random.Shared.NextInt64(1, long.MaxValue);

    public Task<string> SayAsync(string text) => DeliverAsync(WeChatPush.TextXml(OpenId, text, LastMsgId = NewMsgId()));

    /// <summary>Says each text in turn; returns the last answer.</summary>
    public async Task<string> SayAsync(params string[] texts)
    {
        var last = string.Empty;
        foreach (var text in texts)
        {
            last = await SayAsync(text);
        }

        return last;
    }

    /// <summary>The same push again — same MsgId — as WeChat retries an unanswered one.</summary>
    public Task<string> RetryAsync(string text) => DeliverAsync(WeChatPush.TextXml(OpenId, text, LastMsgId));

    public Task<string> ClickAsync(string menuKey) => DeliverAsync(WeChatPush.EventXml(OpenId, "CLICK", menuKey));

    public async Task<string> DeliverAsync(string xml)
    {
        var response = await _client.SendAsync(_push.Build(xml, PushMode.Safe));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.NotEqual("success", body);
        return WeChatPush.ReplyText(_push.OpenReply(body));
    }
}
