using System.Text;
using Mediator;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>我的志愿时长: the student's hours per term and in total, and where to get the certificate (one answer, no state).</summary>
public sealed class MyHoursDialog(ISender sender) : IChatDialog
{
    /// <summary>Terms listed in chat; the certificate has them all.</summary>
    public const int ShownTerms = 6;

    private static readonly HashSet<string> Triggers = ["我的志愿时长", "志愿时长", "志愿证明"];

    public string Name => "my-hours";

    public string Keyword => "我的志愿时长";

    public string Description => "查看志愿时长，获取时长证明";

    // Last in the menu, so the numbers of the older entries stay as students learned them.
    public int MenuOrder => 70;

    public bool IsTriggeredBy(ChatInput input, string normalizedText) => DialogTriggers.Matches(input, normalizedText, null, Triggers);

    public async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var hours = await sender.Send(new GetMyHoursQuery(context.Session.UserId), ct);
        if (hours.Terms.Count == 0)
        {
            return ChatReply.Text("你还没有志愿时长记录。回复“志愿”看看可报名的岗位吧~");
        }

        var text = new StringBuilder($"你的志愿时长：累计 {ShiftTexts.Hours(hours.Total)} 小时");
        foreach (var term in hours.Terms.Take(ShownTerms))
        {
            text.Append('\n').Append(term.Name).Append('：').Append(ShiftTexts.Hours(term.Hours)).Append(" 小时");
        }

        return ChatReply.Text(text.Append("\n时长证明：请在小程序“志愿时长”页面下载（CSV）或打开可打印的证明。").ToString());
    }

    public ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct) => StartAsync(context, ct);
}
