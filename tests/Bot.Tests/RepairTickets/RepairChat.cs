using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>
/// One student chatting with the real host through <c>/wechat/callback</c>: signed, encrypted (safe mode) pushes,
/// decrypted replies. Each instance is a new student, so tests sharing a host (and the shared Redis) never meet.
/// </summary>
public sealed class RepairChat(BotFactory host)
{
    private readonly HttpClient _client = host.CreateClient();
    private readonly WeChatPush _push = new();

    public string User { get; } = "o-" + Guid.NewGuid().ToString("N")[..24];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string TextXml(string text) => PushXml.Text("gh_demo", User, WeChatPush.Now(), text, NextMsgId());

    public Task<string> SayAsync(string text) => SendAsync(TextXml(text));

    public Task<string> ImageAsync(string mediaId, string picUrl) =>
        SendAsync(PushXml.Image("gh_demo", User, WeChatPush.Now(), picUrl, mediaId, NextMsgId()));

    public Task<string> LocationAsync(string label) =>
        SendAsync(PushXml.Location("gh_demo", User, WeChatPush.Now(), 23.0617, 113.3921, label, NextMsgId()));

    public Task<string> ClickAsync(string key) => SendAsync(WeChatPush.EventXml(User, "CLICK", key));

    /// <summary>The decrypted text reply; "" when the bot answered <c>success</c>.</summary>
    public async Task<string> SendAsync(string plaintextXml)
    {
        using var response = await _client.SendAsync(_push.Build(plaintextXml, PushMode.Safe), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return body == "success" ? "" : WeChatPush.ReplyText(_push.OpenReply(body));
    }

    /// <summary>The full 报修 up to the summary: 水 → 水龙头 → 东区1号楼302 → description → one photo → 好了.</summary>
    public async Task<string> FillReportAsync()
    {
        await SayAsync("报修");
        await SayAsync("1");
        await SayAsync("1");
        await SayAsync("东区1号楼302");
        await SayAsync("水龙头一直滴水");
        await ImageAsync("media-0001", "http://mmbiz.qpic.cn/sim/tap.jpg");
        return await SayAsync("好了");
    }

    public async Task<List<RepairTicket>> TicketsAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().RepairTickets.AsNoTracking()
            .Where(t => t.ReporterOpenId == User).ToListAsync(Ct);
    }

    /// <summary>Staff dispatch and a worker starts, through the domain in the test's own scope (as the staff side would).</summary>
    public Task StartWorkAsync(Guid ticketId) => ChangeAsync(ticketId, (ticket, now) =>
    {
        ticket.Assign("wang.wu", Actor.Staff("dispatcher"), now);
        ticket.Accept("wang.wu", now);
        ticket.Start("wang.wu", now);
    });

    /// <summary>…and finishes the repair.</summary>
    public async Task ResolveAsync(Guid ticketId)
    {
        await StartWorkAsync(ticketId);
        await ChangeAsync(ticketId, (ticket, now) => ticket.Resolve("wang.wu", "更换阀芯", now));
    }

    private async Task ChangeAsync(Guid ticketId, Action<RepairTicket, DateTimeOffset> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(await db.RepairTickets.SingleAsync(t => t.Id == ticketId, Ct), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Pretends the student's last message was <paramref name="ago"/> ago (the stored session's UpdatedAt).</summary>
    public async Task LeaveForAsync(TimeSpan ago)
    {
        var sessions = host.Services.GetRequiredService<ISessionStore>();
        var session = await sessions.LoadAsync(DemoCredentials.AppId, User, Ct) ?? throw new InvalidOperationException("No session to age.");
        session.UpdatedAt -= ago;
        Assert.True(await sessions.SaveAsync(session, Ct));
    }

    private static long NextMsgId() => Random.Shared.NextInt64(1, long.MaxValue);
}
