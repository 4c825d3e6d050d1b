using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Bot.Tests.Cluster;

/// <summary>A student chatting through the cluster, with WeChat's delivery rules: 5 s per try, then up to 3 retries of the same push.</summary>
public static class ClusterChat
{
    public const int WeChatRetries = 3;

    /// <summary>How many times a student sends a message again after the busy reply.</summary>
    private const int MaxResends = 30;

    /// <summary>A student nobody has seen before (a fresh session, ticket list and signups).</summary>
    public static string NewStudent(string tag) => $"o-{tag}-{Guid.NewGuid():N}";

    /// <summary>The repair dialog up to its summary, waiting for "确认".</summary>
    public static readonly string[] RepairUpToConfirm = ["报修", "1", "1", "东区1号楼302", "水龙头一直滴水", "跳过"];

    /// <summary>
    /// Delivers <paramref name="push"/> like WeChat: on no answer or an HTTP error, the same bytes again, a little
    /// later (WeChat spaces its retries by its 5 s timeout; 2 s here keeps the tests short).
    /// </summary>
    public static async Task<BotAnswer> DeliverLikeWeChatAsync(BotConnection connection, SignedPush push)
    {
        BotAnswer answer = null!;
        for (var attempt = 0; attempt <= WeChatRetries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            answer = await connection.DeliverAsync(push);
            if (answer.Kind is AnswerKind.Reply or AnswerKind.NoReply)
            {
                return answer;
            }
        }

        return answer;
    }

    /// <summary>
    /// Sends a line and returns the answer the student sees: the passive reply, or — when the Bot answered "success"
    /// because the work took longer than its 4 s budget — the customer-service message it sent afterwards.
    /// </summary>
    public static async Task<BotAnswer> SayAsync(TestCluster cluster, BotConnection connection, string user, string text)
    {
        var answer = await DeliverLikeWeChatAsync(connection, connection.Compose(new SendText(text), user));
        // Turned away by admission control (nothing was processed): the student waits a moment and sends it again, as
        // a new message, the way the reply asks.
        for (var resend = 0; resend < MaxResends && answer.Text == ChatTexts.Crowded; resend++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(500, 1_500)));
            answer = await DeliverLikeWeChatAsync(connection, connection.Compose(new SendText(text), user));
        }

        if (answer.Kind != AnswerKind.NoReply)
        {
            return answer;
        }

        // A student's late answers arrive in order: the next one is the first after the last one already read. The
        // fake API's log is read only when an answer came late, not before every message.
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var seen = LateAnswerSeen.GetValueOrDefault(user);
            var later = (await cluster.FakeApiCallsAsync()).FirstOrDefault(c =>
                c.Path == "/cgi-bin/message/custom/send" && c.ToUser == user && c.Seq > seen && c.ErrCode == 0);
            if (later is not null)
            {
                LateAnswerSeen[user] = later.Seq;
                return new BotAnswer(AnswerKind.Reply, later.Content ?? "", []);
            }

            await Task.Delay(250);
        }

        return answer;
    }

    // Per student: the log position of the last late answer read (students are unique per test).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LateAnswerSeen = new(StringComparer.Ordinal);

    /// <summary>The ticket number in the final answer of a repair dialog ("单号：R…").</summary>
    public static string? TicketNumberIn(string text)
    {
        var at = text.IndexOf("单号：", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var number = new string([.. text[(at + 3)..].TakeWhile(c => c == 'R' || c == '-' || char.IsAsciiDigit(c))]);
        return number.Length > 0 ? number : null;
    }
}
