using System.Net;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>A first real conversation through /wechat/callback in each of the three modes.</summary>
public sealed class ConversationTests : IClassFixture<ConversationTests.Host>
{
    private readonly Host _host;
    private readonly HttpClient _client;
    private readonly WeChatPush _push = new();

    public ConversationTests(Host host)
    {
        _host = host;
        _client = host.CreateClient();
    }

    public static TheoryData<PushMode> Modes => [PushMode.Plain, PushMode.Compatible, PushMode.Safe];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Subscribe_AnyMode_WelcomesWithTheMenu(PushMode mode)
    {
        var reply = await SendAsync(WeChatPush.EventXml("o-sub-" + mode, "subscribe"), mode);

        Assert.StartsWith("欢迎关注校园后勤服务", reply);
        Assert.Contains("帮助", reply);
    }

    [Theory]
    [InlineData("帮助")]
    [InlineData("help")]
    [InlineData(" 菜单 ")]
    public async Task HelpWords_Text_ShowTheNumberedMenuOfDialogs(string word)
    {
        var reply = await SendAsync(WeChatPush.TextXml("o-help", word, NextMsgId()), PushMode.Safe);

        Assert.StartsWith("请回复数字或关键词", reply);
        // Numbered in menu order; the test dialogs come after the real ones.
        Assert.Equal(NumberOf(reply, "探针") + 1, NumberOf(reply, "问卷"));
    }

    [Fact]
    public async Task UnknownText_Safe_GetsTheHelpfulFallbackWithTheMenu()
    {
        var reply = await SendAsync(WeChatPush.TextXml("o-unknown", "今天食堂吃什么", NextMsgId()), PushMode.Safe);

        Assert.StartsWith("抱歉，我没看懂", reply);
        Assert.Contains("请回复数字或关键词", reply);
    }

    [Fact]
    public async Task MenuClick_HelpKey_IsRoutedByEventKey()
    {
        var reply = await SendAsync(WeChatPush.EventXml("o-click", "CLICK", MenuKeys.Help), PushMode.Safe);

        Assert.StartsWith("请回复数字或关键词", reply);
    }

    [Fact]
    public async Task MenuNumber_StartsThatDialog()
    {
        var menu = await SendAsync(WeChatPush.TextXml("o-number", "帮助", NextMsgId()), PushMode.Safe);
        var fullWidth = string.Concat(NumberOf(menu, "问卷").ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)(d - '0' + '０')));

        var reply = await SendAsync(WeChatPush.TextXml("o-number", fullWidth, NextMsgId()), PushMode.Safe);

        Assert.Equal("请问您住哪个宿舍？", reply);
    }

    [Fact]
    public async Task TwoStepDialog_KeepsStateBetweenMessages()
    {
        await SendAsync(WeChatPush.TextXml("o-survey", "问卷", NextMsgId()), PushMode.Safe);
        var second = await SendAsync(WeChatPush.TextXml("o-survey", "东区1号楼302", NextMsgId()), PushMode.Safe);
        var third = await SendAsync(WeChatPush.TextXml("o-survey", "是", NextMsgId()), PushMode.Safe);

        Assert.Equal("是东区1号楼302吗？回复\"是\"确认。", second);
        Assert.Equal("已记录宿舍：东区1号楼302", third);
    }

    [Fact]
    public async Task LocationReportEvent_AnswersSuccessWithoutAReply()
    {
        var xml = "<xml><ToUserName>gh_demo</ToUserName><FromUserName>o-loc</FromUserName><CreateTime>" + WeChatPush.Now() +
            "</CreateTime><MsgType>event</MsgType><Event>LOCATION</Event><Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>10</Precision></xml>";

        var response = await _client.SendAsync(_push.Build(xml, PushMode.Safe));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SafeMode_ReplyIsEncryptedAndSignedForTheUser()
    {
        var response = await _client.SendAsync(_push.Build(WeChatPush.TextXml("o-enc", "帮助", NextMsgId()), PushMode.Safe));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("请回复", body);
        var plaintext = _push.OpenReply(body);
        var reply = System.Xml.Linq.XElement.Parse(plaintext);
        Assert.Equal("o-enc", reply.Element("ToUserName")!.Value);
        Assert.Equal("gh_demo", reply.Element("FromUserName")!.Value);
        Assert.Equal("text", reply.Element("MsgType")!.Value);
    }

    private async Task<string> SendAsync(string xml, PushMode mode)
    {
        var response = await _client.SendAsync(_push.Build(xml, mode));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return WeChatPush.ReplyText(mode == PushMode.Plain ? body : _push.OpenReply(body));
    }

    private static long NextMsgId() => Random.Shared.NextInt64(1, long.MaxValue);

    public sealed class Host() : BotFactory;

    private static int NumberOf(string menu, string keyword) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(menu, @"(\d+) " + keyword + " — ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
