using System.Net;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The simulator judges the bot's answer the way WeChat would, and says so loudly when WeChat would not show it.</summary>
public sealed class ReplyReaderTests
{
    private const string User = "o-reader";
    private static readonly CallbackSettings Safe = new();
    private readonly WeChatMessageCrypto _crypto = new(Safe.Token, Safe.EncodingAesKey, Safe.AppId);

    [Fact]
    public void EncryptedReply_Signed_IsDecryptedToTheText()
    {
        var answer = Read(_crypto.BuildEncryptedReply(TextReply(User, "你好"), "1714112445", "415670741"));

        Assert.Equal(AnswerKind.Reply, answer.Kind);
        Assert.Equal("你好", answer.Text);
        Assert.Empty(answer.Warnings);
    }

    [Fact]
    public void EncryptedReply_SignedWithAnotherToken_IsFlaggedLoudly()
    {
        var forger = new WeChatMessageCrypto("another-token", Safe.EncodingAesKey, Safe.AppId);

        var answer = Read(forger.BuildEncryptedReply(TextReply(User, "你好"), "1714112445", "415670741"));

        Assert.Equal("你好", answer.Text);
        Assert.Contains(answer.Warnings, w => w.Contains("DOES NOT VERIFY", StringComparison.Ordinal));
    }

    [Fact]
    public void EncryptedReply_ForAnotherAppId_IsUnreadable()
    {
        var other = new WeChatMessageCrypto(Safe.Token, Safe.EncodingAesKey, "wxsomeoneelse");

        var answer = Read(other.BuildEncryptedReply(TextReply(User, "你好"), "1714112445", "415670741"));

        Assert.Equal(AnswerKind.Unreadable, answer.Kind);
        Assert.Contains("ValidateReceiveId", answer.Text);
    }

    [Fact]
    public void PlaintextReply_InSafeMode_IsFlagged()
    {
        var answer = Read(TextReply(User, "你好"));

        Assert.Equal("你好", answer.Text);
        Assert.Contains(answer.Warnings, w => w.Contains("plaintext reply in safe mode", StringComparison.Ordinal));
    }

    [Fact]
    public void Reply_AddressedToAnotherUser_IsFlagged()
    {
        var answer = Read(_crypto.BuildEncryptedReply(TextReply("o-someone-else", "你好"), "1714112445", "1"));

        Assert.Contains(answer.Warnings, w => w.Contains("ToUserName", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("success")]
    [InlineData("")]
    public void SuccessOrEmpty_IsNoPassiveReply(string body)
    {
        var answer = Read(body);

        Assert.Equal(AnswerKind.NoReply, answer.Kind);
        Assert.Equal(BotAnswer.NoReplyText, answer.Text);
    }

    [Fact]
    public void JsonAnswer_IsUnusable()
    {
        var answer = Read("{\"content\":\"你好\"}");

        Assert.Equal(AnswerKind.Unreadable, answer.Kind);
        Assert.Contains("该公众号暂时无法提供服务", answer.Text);
    }

    private BotAnswer Read(string body) => new ReplyReader(Safe, _crypto).Read(HttpStatusCode.OK, body, User);

    private static string TextReply(string to, string content) =>
        $"<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{Safe.Account}]]></FromUserName>" +
        $"<CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content></xml>";
}
