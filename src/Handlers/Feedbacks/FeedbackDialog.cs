using System.Globalization;
using Mediator;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.Feedbacks;

/// <summary>
/// 反馈 / 评价: subject (→ which canteen) → stars → text (required at 1–2 stars) → anonymous? → one
/// <see cref="SubmitFeedbackCommand"/>. The dialog's token, made at the start, is the command's RequestId: two
/// deliveries of the last answer (a double tap, two instances racing) store one feedback.
/// </summary>
public sealed partial class FeedbackDialog : StepDialog
{
    private static readonly HashSet<string> Triggers = ["反馈", "评价"];

    internal const string TokenSlot = "token";
    private const string SubjectSlot = "subject";
    private const string PlaceSlot = "place";
    private const string StarsSlot = "stars";
    private const string TextSlot = "text";

    private static readonly FeedbackSubject[] Subjects =
        [FeedbackSubject.Canteen, FeedbackSubject.Dorm, FeedbackSubject.Repair, FeedbackSubject.Other];

    private readonly ISender _sender;

    public FeedbackDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => "feedback";

    public override string Keyword => "反馈";

    public override string Description => "食堂、宿舍、维修服务评价";

    public override int MenuOrder => 30;

    protected override string Title => "反馈";

    protected override string FirstStep => "subject";

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        ["subject"] = DialogStep.Fixed(
            "请问想评价哪方面？\n" + NumberedChoice.Render(Subjects, s => s.Name()),
            "回复数字选择评价对象，例如回复 1 评价食堂。",
            ChooseSubject),
        ["canteen"] = new(CanteenPrompt, "回复序号，或直接回复食堂名称，例如“第一食堂”。", ChooseCanteen),
        ["stars"] = new(
            (context, _) => ValueTask.FromResult($"请给{Rated(context)}打个分：回复 1-5，5 分最满意。"),
            "回复 1 到 5 的数字，也可以回复“五”或“⭐⭐⭐⭐⭐”。",
            RateAsync),
        ["text"] = new((context, _) => ValueTask.FromResult(TextPrompt(Stars(context))), TextHelp, WriteAsync),
        ["anonymous"] = DialogStep.Fixed(
            "是否匿名提交？\n1. 是（匿名）\n2. 否（实名）",
            "匿名提交时，工作人员看不到您的身份。回复“是”或“否”。",
            SubmitAsync),
    };

    protected override string? MenuKey => MenuKeys.Feedback;

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    public override async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var reply = await base.StartAsync(context, ct);
        context.Session.Slots[TokenSlot] = Guid.CreateVersion7(context.Now).ToString();
        return reply;
    }

    private static ValueTask<StepOutcome> ChooseSubject(DialogContext context, CancellationToken ct)
    {
        var subject = NumberedChoice.Pick(Subjects, s => s.Name(), context.Text);
        if (subject == default)
        {
            return StepOutcome.AgainAsync(NumberedChoice.OutOfRange(Subjects.Length));
        }

        context.Session.Slots[SubjectSlot] = ((int)subject).ToString(CultureInfo.InvariantCulture);
        context.Session.Slots.Remove(PlaceSlot);
        return subject == FeedbackSubject.Canteen
            ? StepOutcome.NextAsync("canteen")
            : StepOutcome.NextAsync("stars", "已选择：" + subject.Name());
    }

    private async ValueTask<string> CanteenPrompt(DialogContext context, CancellationToken ct)
    {
        var canteens = await _sender.Send(new ListCanteensQuery(), ct);
        return canteens.Count == 0
            ? "是哪个食堂？请回复食堂名称，例如“第一食堂”。"
            : "是哪个食堂？\n" + NumberedChoice.Render(canteens, c => c.Name) + "\n也可以直接回复食堂名称。";
    }

    private async ValueTask<StepOutcome> ChooseCanteen(DialogContext context, CancellationToken ct)
    {
        var canteens = await _sender.Send(new ListCanteensQuery(), ct);
        var text = context.Text;
        string? place;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            place = NumberedChoice.Pick(canteens, c => c.Name, text)?.Name;
            if (place is null)
            {
                return StepOutcome.Again(canteens.Count == 0 ? "请回复食堂名称，例如“第一食堂”。" : NumberedChoice.OutOfRange(canteens.Count));
            }
        }
        else
        {
            // "一食堂", "1食堂", "第一食堂二楼" → 第一食堂; otherwise a short Chinese name is taken as typed.
            place = text.Length <= Feedback.MaxPlaceNameLength && new LocationMatcher(canteens).Match(text).Building is { } known
                ? known.Name
                : FeedbackAnswers.LooksLikePlaceName(text) ? text : null;
            if (place is null)
            {
                return StepOutcome.Again("没认出是哪个食堂，请回复序号或食堂名称，例如“第一食堂”。");
            }
        }

        context.Session.Slots[PlaceSlot] = place;
        return StepOutcome.Next("stars", "已选择：" + place);
    }

    private static ValueTask<StepOutcome> RateAsync(DialogContext context, CancellationToken ct)
    {
        if (FeedbackAnswers.Stars(context.Text) is not { } stars)
        {
            return StepOutcome.AgainAsync("请回复 1 到 5 之间的数字，例如 5。");
        }

        context.Session.Slots[StarsSlot] = stars.ToString(CultureInfo.InvariantCulture);
        return StepOutcome.NextAsync("text", "已评分：" + FeedbackAnswers.StarsText(stars));
    }

    private static FeedbackSubject Subject(DialogContext context) =>
        (FeedbackSubject)int.Parse(context.Session.Slots[SubjectSlot], CultureInfo.InvariantCulture);

    private static string Rated(DialogContext context) =>
        context.Session.Slots.GetValueOrDefault(PlaceSlot) ?? Subject(context).Name();

    private static int Stars(DialogContext context) => int.Parse(context.Session.Slots[StarsSlot], CultureInfo.InvariantCulture);
}
