using Mediator;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>
/// 我的值班: the volunteer's signups (status, waitlist place, hours) and total hours; a number picks one, then
/// 取消报名 (after a confirmation), 签到 or 签退 — whichever the shift allows now. Each action is one command; a repeated
/// 确认 finds the signup already cancelled and says so instead of acting twice.
/// </summary>
public sealed class MyShiftsDialog : StepDialog
{
    private static readonly HashSet<string> Triggers = ["我的值班", "我的志愿"];

    private const string ShiftSlot = "shift";

    private readonly ISender _sender;
    private (DialogContext Context, MyShifts Result)? _cached;

    public MyShiftsDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => "my-shifts";

    public override string Keyword => "我的值班";

    public override string Description => "查看我的值班：取消、签到、签退、志愿时长";

    public override int MenuOrder => 50;

    protected override string Title => "我的值班";

    protected override string FirstStep => "pick";

    protected override string CancelledText => "好的，已退出，你的报名没有变化。如需帮助请回复\"帮助\"。";

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        ["pick"] = new(ListPrompt, "回复序号选择一条报名，再选择取消报名、签到或签退。", PickAsync),
        ["action"] = new(ActionPrompt, "回复序号选择操作。签到在开始前15分钟至结束前开放；签到后可签退。", ActAsync),
        ["confirm"] = new(ConfirmPrompt, "回复“确认”取消这次报名，回复“返回”重新选择。", CancelSignupAsync),
    };

    protected override string? MenuKey => MenuKeys.MyShifts;

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    public override async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var mine = await MineAsync(context, ct);
        return mine.Items.Count == 0
            ? ChatReply.Text($"你还没有报名志愿岗位（累计志愿时长 {ShiftTexts.Hours(mine.TotalHours)} 小时）。回复“志愿”看看可报名的岗位吧~")
            : await base.StartAsync(context, ct);
    }

    private async ValueTask<string> ListPrompt(DialogContext context, CancellationToken ct)
    {
        var mine = await MineAsync(context, ct);
        ShownShifts.Remember(context, mine.Items.Select(s => s.ShiftId));
        return $"你的志愿值班（累计志愿时长 {ShiftTexts.Hours(mine.TotalHours)} 小时）：\n"
            + NumberedChoice.Render(mine.Items, Label)
            + "\n回复序号可取消报名、签到或签退。";
    }

    private async ValueTask<StepOutcome> PickAsync(DialogContext context, CancellationToken ct)
    {
        var ids = ShownShifts.Recall(context);
        var shiftId = ShownShifts.Pick(context, ids);
        if (shiftId == Guid.Empty)
        {
            return StepOutcome.Again(NumberedChoice.OutOfRange(ids.Count));
        }

        var shift = (await MineAsync(context, ct)).Items.FirstOrDefault(s => s.ShiftId == shiftId);
        if (shift is null || shift.Actions.Count == 0)
        {
            return StepOutcome.Again(NoActionNow(shift, context.Now));
        }

        context.Session.Slots[ShiftSlot] = shiftId.ToString();
        return StepOutcome.Next("action");
    }

    private async ValueTask<string> ActionPrompt(DialogContext context, CancellationToken ct)
    {
        var shift = await SelectedAsync(context, ct);
        return shift is null || shift.Actions.Count == 0
            ? NoActionNow(shift, context.Now) + "回复“返回”重新选择。"
            : $"{Heading(shift)}\n请选择：\n" + NumberedChoice.Render(shift.Actions, a => a.Name());
    }

    private async ValueTask<StepOutcome> ActAsync(DialogContext context, CancellationToken ct)
    {
        var shift = await SelectedAsync(context, ct);
        var actions = shift?.Actions ?? [];
        var action = NumberedChoice.Pick(actions, a => a.Name(), context.Text);
        if (shift is null || action == default)
        {
            return StepOutcome.Again(actions.Count == 0 ? "这条报名现在没有可以进行的操作。" : NumberedChoice.OutOfRange(actions.Count));
        }

        try
        {
            switch (action)
            {
                case SignupAction.Cancel:
                    return StepOutcome.Next("confirm");
                case SignupAction.CheckIn:
                    var checkIn = await _sender.Send(new CheckInShiftCommand(context.Input.UserId, shift.ShiftId), ct);
                    return StepOutcome.Finish(ChatReply.Text(
                        $"签到成功！签到时间 {ShiftTexts.Clock(checkIn.CheckedInAt)}。\n结束后回复“我的值班”签退，记录志愿时长。"));
                default:
                    var done = await _sender.Send(new CompleteShiftCommand(context.Input.UserId, shift.ShiftId), ct);
                    return StepOutcome.Finish(ChatReply.Text(
                        $"签退成功！本次志愿时长 {ShiftTexts.Hours(done.Hours)} 小时，累计 {ShiftTexts.Hours(done.TotalHours)} 小时。感谢你的付出！"));
            }
        }
        catch (DomainException ex)
        {
            _cached = null;
            return StepOutcome.Again(ex.Message);
        }
    }

    private async ValueTask<string> ConfirmPrompt(DialogContext context, CancellationToken ct) =>
        await SelectedAsync(context, ct) is { } shift
            ? $"确定取消以下报名吗？\n{Heading(shift)}\n回复“确认”取消报名，回复“返回”重新选择。"
            : "这条报名已不在列表中，回复“返回”重新选择。";

    private async ValueTask<StepOutcome> CancelSignupAsync(DialogContext context, CancellationToken ct)
    {
        if (IsNo(context.Text))
        {
            return StepOutcome.Finish(ChatReply.Text("好的，报名保留。"));
        }

        if (!StepWords.IsYes(context.Text) || !Guid.TryParse(context.Session.Slots.GetValueOrDefault(ShiftSlot), out var shiftId))
        {
            return StepOutcome.Again("请回复“确认”取消报名，或回复“返回”。");
        }

        try
        {
            var result = await _sender.Send(new CancelShiftSignupCommand(context.Input.UserId, shiftId), ct);
            return StepOutcome.Finish(ChatReply.Text(result.PromotedVolunteerOpenId is null
                ? "已取消报名。"
                : "已取消报名，名额已自动递补给候补的同学。"));
        }
        catch (DomainException ex)
        {
            // Started meanwhile, or already cancelled by an earlier 确认: nothing left to confirm.
            return StepOutcome.Finish(ChatReply.Text(ex.Message));
        }
    }

    private static bool IsNo(string text) => text is "否" or "不" or "不要" or "不取消" or "算了" or "no" or "n";

    private static string Label(MyShift shift) =>
        $"{shift.Title}｜{shift.Place}\n   {ShiftTexts.When(shift.StartsAt, shift.EndsAt)}｜{ShiftTexts.Status(shift.Status, shift.WaitlistPosition, shift.Hours)}"
        + (shift.Actions.Contains(SignupAction.CheckIn) ? "｜可签到" : shift.Actions.Contains(SignupAction.Complete) ? "｜可签退" : "");

    private static string Heading(MyShift shift) =>
        $"{shift.Title}｜{ShiftTexts.When(shift.StartsAt, shift.EndsAt)}｜{ShiftTexts.Status(shift.Status, shift.WaitlistPosition, shift.Hours)}";

    private static string NoActionNow(MyShift? shift, DateTimeOffset now) => shift switch
    {
        null => "这条报名已不在列表中。",
        { Status: SignupStatus.Confirmed } when now < shift.StartsAt => "这条报名现在没有可以进行的操作，签到在开始前15分钟开放。",
        _ => $"这条报名{ShiftTexts.Status(shift.Status, shift.WaitlistPosition, shift.Hours)}，现在没有可以进行的操作。",
    };

    private async ValueTask<MyShift?> SelectedAsync(DialogContext context, CancellationToken ct) =>
        Guid.TryParse(context.Session.Slots.GetValueOrDefault(ShiftSlot), out var id)
            ? (await MineAsync(context, ct)).Items.FirstOrDefault(s => s.ShiftId == id)
            : null;

    // One query per message: the step and its prompt share it.
    private async ValueTask<MyShifts> MineAsync(DialogContext context, CancellationToken ct)
    {
        if (_cached is { } cached && cached.Context == context)
        {
            return cached.Result;
        }

        var result = await _sender.Send(new ListMyShiftsQuery(context.Input.UserId), ct);
        _cached = (context, result);
        return result;
    }
}
