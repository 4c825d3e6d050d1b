using System.Globalization;
using Mediator;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>
/// 志愿 / 值班: the open shifts, numbered; a number claims that shift (one <see cref="ClaimShiftCommand"/>). A refusal
/// (overlap, already signed up, started) is said in the domain's words and the fresh list offered again. A repeated
/// number cannot book twice: the domain refuses a second claim on a held signup ("你已报名这个岗位").
/// </summary>
public sealed class VolunteerDialog : StepDialog
{
    private static readonly HashSet<string> Triggers = ["志愿", "值班", "志愿报名"];

    internal const int PageSize = 5;
    private const string PageSlot = "page";
    private const string MoreSlot = "more";

    private readonly ISender _sender;
    private (DialogContext Context, int Page, OpenShiftsPage Result)? _cached;

    public VolunteerDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => "volunteer";

    public override string Keyword => "志愿";

    public override string Description => "志愿值班岗位报名";

    public override int MenuOrder => 40;

    protected override string Title => "志愿报名";

    protected override string FirstStep => "pick";

    protected override string CancelledText => "好的，已退出，没有报名新的岗位。如需帮助请回复\"帮助\"。";

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        ["pick"] = new(ListPrompt, "回复岗位前面的序号即可报名；已满的岗位会进入候补，有人取消时按顺序递补。", ClaimAsync),
    };

    protected override string? MenuKey => MenuKeys.Volunteer;

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    public override async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var page = await PageAsync(context, 1, ct);
        return page.TotalCount == 0
            ? ChatReply.Text("近期暂时没有可报名的志愿岗位，过几天再来看看吧~")
            : await base.StartAsync(context, ct);
    }

    private async ValueTask<string> ListPrompt(DialogContext context, CancellationToken ct)
    {
        var page = await PageAsync(context, CurrentPage(context), ct);
        var slots = context.Session.Slots;
        ShownShifts.Remember(context, page.Items.Select(s => s.ShiftId));
        slots[MoreSlot] = page.HasMore ? "1" : "0";
        if (page.Items.Count == 0)
        {
            return "暂时没有可报名的岗位了。回复“取消”退出。";
        }

        return "可报名的志愿岗位：\n" + NumberedChoice.Render(page.Items, Label)
            + (page.HasMore ? "\n回复“更多”查看下一页。" : "")
            + "\n回复序号即可报名。";
    }

    private async ValueTask<StepOutcome> ClaimAsync(DialogContext context, CancellationToken ct)
    {
        var slots = context.Session.Slots;
        if (context.Text is "更多" or "下一页")
        {
            var next = slots.GetValueOrDefault(MoreSlot) == "1" ? CurrentPage(context) + 1 : 1;
            slots[PageSlot] = next.ToString(CultureInfo.InvariantCulture);
            return StepOutcome.Again(next == 1 ? "已经是最后一页，回到第1页：" : $"第{next}页：");
        }

        var ids = ShownShifts.Recall(context);
        var shiftId = ShownShifts.Pick(context, ids);
        if (shiftId == Guid.Empty)
        {
            return StepOutcome.Again(ids.Count == 0 ? "暂时没有可报名的岗位。" : NumberedChoice.OutOfRange(ids.Count));
        }

        var shown = (await PageAsync(context, CurrentPage(context), ct)).Items.FirstOrDefault(s => s.ShiftId == shiftId);
        ClaimShiftResult result;
        try
        {
            result = await _sender.Send(new ClaimShiftCommand(context.Input.UserId, shiftId), ct);
        }
        catch (DomainException ex)
        {
            _cached = null;
            return StepOutcome.Again(ex.Message);
        }

        var what = shown is null ? "" : $"\n{shown.Title}｜{shown.Place}\n{ShiftTexts.When(shown.StartsAt, shown.EndsAt)}";
        return StepOutcome.Finish(ChatReply.Text(result.IsConfirmed
            ? $"报名成功！{what}\n开始前15分钟起可在“我的值班”签到。"
            : $"该岗位已满，已加入候补，第{result.WaitlistPosition}位。{what}\n有人取消时会按顺序自动递补，可在“我的值班”查看。"));
    }

    private static string Label(OpenShift shift)
    {
        var mine = shift.MyStatus is SignupStatus.Confirmed or SignupStatus.Waitlisted or SignupStatus.CheckedIn
            ? $"（你{shift.MyStatus.Value.Name()}）"
            : "";
        return $"{shift.Title}｜{shift.Place}{mine}\n   {ShiftTexts.When(shift.StartsAt, shift.EndsAt)}｜{ShiftTexts.Places(shift.RemainingPlaces, shift.WaitlistLength)}";
    }

    // One query per message: the start, the prompt and the claim's reply share it.
    private async ValueTask<OpenShiftsPage> PageAsync(DialogContext context, int page, CancellationToken ct)
    {
        if (_cached is { } cached && cached.Context == context && cached.Page == page)
        {
            return cached.Result;
        }

        var result = await _sender.Send(new ListOpenShiftsQuery(page, PageSize) { VolunteerOpenId = context.Input.UserId }, ct);
        _cached = (context, page, result);
        return result;
    }

    private static int CurrentPage(DialogContext context) =>
        int.TryParse(context.Session.Slots.GetValueOrDefault(PageSlot), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0
            ? page
            : 1;
}
