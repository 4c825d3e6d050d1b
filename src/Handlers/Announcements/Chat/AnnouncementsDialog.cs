using System.Globalization;
using System.Text;
using Mediator;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Announcements.Chat;

/// <summary>公告: the five latest announcements, in one answer (no dialog state).</summary>
public sealed class AnnouncementsDialog(ISender sender) : IChatDialog
{
    public const int Shown = 5;

    /// <summary>Each body is cut so five fit in one passive reply (2048 bytes).</summary>
    private const int BodyLength = 60;

    private static readonly HashSet<string> Triggers = ["公告", "通知", "通知公告", "最新公告"];

    public string Name => "announcements";

    public string Keyword => "公告";

    public string Description => "查看后勤最新通知公告";

    public int MenuOrder => 50;

    public bool IsTriggeredBy(ChatInput input, string normalizedText) =>
        DialogTriggers.Matches(input, normalizedText, MenuKeys.Announcements, Triggers);

    public async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var latest = await sender.Send(new ListRecentAnnouncementsQuery(Shown), ct);
        if (latest.Count == 0)
        {
            return ChatReply.Text("暂时没有新的公告。");
        }

        var text = new StringBuilder("最新公告：");
        foreach (var item in latest)
        {
            var body = item.Body.ReplaceLineEndings(" ");
            text.Append("\n\n【").Append(item.Title).Append("】")
                .Append(item.PublishedAt.ToOffset(TimeSpan.FromHours(8)).ToString("M月d日", CultureInfo.InvariantCulture)).Append('\n')
                .Append(body.Length <= BodyLength ? body : body[..BodyLength] + "…");
        }

        return ChatReply.Text(text.ToString());
    }

    public ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct) => StartAsync(context, ct);
}
