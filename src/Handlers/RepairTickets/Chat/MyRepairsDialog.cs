using Mediator;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>
/// 我的报修: the student's tickets in progress, numbered; a number shows one ticket's progress and the actions its
/// state allows now — 撤销 before work starts, 确认 + rating once resolved, 未修好 to ask for rework.
/// </summary>
public sealed partial class MyRepairsDialog : StepDialog
{
    public const string DialogName = "my-repairs";

    private const int ListSize = 10;
    private const string ListStep = "list";
    private const string TicketStep = "ticket";
    private const string CancelStep = "cancel";
    private const string RatingStep = "rating";
    private const string CommentStep = "comment";
    private const string ReopenStep = "reopen";

    private static readonly HashSet<string> Triggers = ["我的报修", "报修进度", "查询报修", "报修记录"];

    private readonly ISender _sender;

    public MyRepairsDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => DialogName;

    public override string Keyword => "我的报修";

    public override string Description => "查看报修进度、确认维修并评价";

    public override int MenuOrder => 20;

    protected override string Title => "查看报修";

    protected override string FirstStep => ListStep;

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        [ListStep] = new(ListPromptAsync, MyRepairsTexts.ListHelp, HandleList),
        [TicketStep] = new(TicketPromptAsync, MyRepairsTexts.TicketHelp, HandleTicket),
        [CancelStep] = new(CancelPrompt, MyRepairsTexts.CancelHelp, HandleCancelAsync),
        [RatingStep] = DialogStep.Fixed(MyRepairsTexts.RatingPrompt, MyRepairsTexts.RatingHelp, HandleRating),
        [CommentStep] = new(CommentPrompt, MyRepairsTexts.CommentHelp, HandleCommentAsync),
        [ReopenStep] = DialogStep.Fixed(MyRepairsTexts.ReopenPrompt, MyRepairsTexts.ReopenHelp, HandleReopenAsync),
    };

    protected override string? MenuKey => MenuKeys.MyRepairs;

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    /// <summary>With nothing in progress there is nothing to choose: answer once and stay out of a dialog.</summary>
    public override async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var page = await _sender.Send(new ListMyRepairTicketsQuery(context.Input.UserId, PageSize: ListSize), ct);
        if (page.Items.Count == 0)
        {
            return ChatReply.Text(MyRepairsTexts.NoTickets);
        }

        context.Enter(Name, ListStep);
        return ChatReply.Text(ListText(context, page) + "\n" + StepWords.Footer);
    }

    private async ValueTask<string> ListPromptAsync(DialogContext context, CancellationToken ct) =>
        ListText(context, await _sender.Send(new ListMyRepairTicketsQuery(context.Input.UserId, PageSize: ListSize), ct));

    // The numbers answer the list last shown, so the ids shown are remembered with it.
    private static string ListText(DialogContext context, RepairTicketPage page)
    {
        new MyRepairsState(context.Session).Listed = [.. page.Items.Select(t => t.Id)];
        return MyRepairsTexts.List(page.Items, page.HasMore);
    }

    private static ValueTask<StepOutcome> HandleList(DialogContext context, CancellationToken ct)
    {
        var state = new MyRepairsState(context.Session);
        var listed = state.Listed;
        if (!int.TryParse(context.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < 1 || number > listed.Count)
        {
            return StepOutcome.AgainAsync(listed.Count == 0 ? MyRepairsTexts.NothingListed : NumberedChoice.OutOfRange(listed.Count));
        }

        state.TicketId = listed[number - 1];
        return StepOutcome.NextAsync(TicketStep);
    }
}
