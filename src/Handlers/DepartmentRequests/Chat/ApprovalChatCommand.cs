using System.Globalization;
using System.Text;
using Mediator;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.DepartmentRequests.Chat;

/// <summary>
/// The approvers' WeCom chat lines: <c>待审批</c> lists the requests whose step waiting is mine; <c>审批 D20261128-0003 同意
/// [意见]</c> and <c>审批 D… 驳回 意见</c> decide it through the same commands as the staff API. <see cref="Problem"/> is set
/// when the line starts like one but is incomplete.
/// </summary>
public sealed record ApprovalChatCommand(bool IsList, string? Number, bool Approve, string? Comment, string? Problem = null)
{
    public const int MaxListed = 10;

    private const string Usage = "请发送“审批 D单号 同意”或“审批 D单号 驳回 意见”，例如：审批 D20261128-0003 同意";

    private static readonly string[] ApproveWords = ["同意", "通过", "批准"];
    private static readonly string[] RejectWords = ["不同意", "驳回", "拒绝"];

    /// <summary>The command when the line is an approval line; null when it is something else.</summary>
    public static ApprovalChatCommand? Parse(string? text)
    {
        var line = TextNormalizer.Normalize(text);
        if (line is "待审批" or "待审批申报")
        {
            return new ApprovalChatCommand(true, null, false, null);
        }

        if (!line.StartsWith("审批", StringComparison.Ordinal))
        {
            return null;
        }

        var words = line[2..].Split([' ', '\n', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !DepartmentRequestNumber.TryParse(words[0], out var number))
        {
            return new ApprovalChatCommand(false, null, false, null, Usage);
        }

        var comment = words.Length > 2 ? words[2].Trim() : null;
        if (RejectWords.Contains(words[1]))
        {
            return comment is null
                ? new ApprovalChatCommand(false, null, false, null, $"驳回请写明意见，例如：审批 {number} 驳回 请补充报价单")
                : new ApprovalChatCommand(false, number.ToString(), false, comment);
        }

        return ApproveWords.Contains(words[1])
            ? new ApprovalChatCommand(false, number.ToString(), true, comment)
            : new ApprovalChatCommand(false, null, false, null, Usage);
    }

    public async Task<string> RunAsync(ISender sender, string user, CancellationToken ct)
    {
        if (Problem is not null)
        {
            return Problem;
        }

        if (IsList)
        {
            return List(await sender.Send(new ListDepartmentRequestsQuery(user, AwaitingMe: true, PageSize: MaxListed), ct));
        }

        var decision = Approve
            ? await sender.Send(new ApproveDepartmentRequestCommand(user, Number!, Comment), ct)
            : await sender.Send(new RejectDepartmentRequestCommand(user, Number!, Comment!), ct);
        return decision.Message;
    }

    private static string List(DepartmentRequestPage page)
    {
        if (page.Items.Count == 0)
        {
            return "目前没有待你审批的申报。";
        }

        var text = new StringBuilder().Append("待你审批的申报（").Append(page.Total).Append("）：");
        foreach (var item in page.Items)
        {
            text.Append('\n').Append(item.Number).Append(' ').Append(item.DepartmentName).Append(" · ").Append(item.KindName)
                .Append(" · ").Append(item.EstimatedCost.ToString("0.00", CultureInfo.InvariantCulture)).Append("元 · 第")
                .Append(item.ApprovedSteps + 1).Append('/').Append(item.TotalSteps).Append("步「").Append(item.CurrentStep).Append('」');
        }

        return text.Append("\n回复“审批 单号 同意”或“审批 单号 驳回 意见”。").ToString();
    }
}
