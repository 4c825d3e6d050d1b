using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>One ticket: its progress, and the student's actions the ticket's state allows right now.</summary>
public sealed partial class MyRepairsDialog
{
    private static readonly Dictionary<string, TicketAction> ActionWords = new(StringComparer.Ordinal)
    {
        ["撤销"] = TicketAction.Cancel,
        ["撤销报修"] = TicketAction.Cancel,
        ["确认"] = TicketAction.Confirm,
        ["评价"] = TicketAction.Confirm,
        ["已修好"] = TicketAction.Confirm,
        ["未修好"] = TicketAction.Reopen,
        ["没修好"] = TicketAction.Reopen,
        ["返修"] = TicketAction.Reopen,
    };

    private async ValueTask<string> TicketPromptAsync(DialogContext context, CancellationToken ct)
    {
        var state = new MyRepairsState(context.Session);
        var ticket = await _sender.Send(new GetRepairTicketQuery(state.TicketId, null, context.Input.UserId), ct);
        state.Number = ticket.Summary.Number;
        state.Actions = ticket.StudentActions;
        return MyRepairsTexts.Details(ticket);
    }

    private static ValueTask<StepOutcome> HandleTicket(DialogContext context, CancellationToken ct)
    {
        var offered = new MyRepairsState(context.Session).Actions;
        return PickAction(offered, context.Text) switch
        {
            TicketAction.Cancel => StepOutcome.NextAsync(CancelStep),
            TicketAction.Confirm => StepOutcome.NextAsync(RatingStep),
            TicketAction.Reopen => StepOutcome.NextAsync(ReopenStep),
            _ => StepOutcome.AgainAsync(offered.Count == 0 ? MyRepairsTexts.NothingToDo : NumberedChoice.OutOfRange(offered.Count)),
        };
    }

    /// <summary>The number shown before an action, or its word (撤销, 确认, 未修好 …) when that action is offered.</summary>
    private static TicketAction? PickAction(IReadOnlyList<TicketAction> offered, string text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= offered.Count ? offered[number - 1] : null;
        }

        return ActionWords.TryGetValue(text, out var word) && offered.Contains(word) ? word : null;
    }

    private static ValueTask<string> CancelPrompt(DialogContext context, CancellationToken ct) =>
        ValueTask.FromResult(MyRepairsTexts.CancelPrompt(new MyRepairsState(context.Session).Number));

    private async ValueTask<StepOutcome> HandleCancelAsync(DialogContext context, CancellationToken ct)
    {
        if (!StepWords.IsYes(context.Text))
        {
            return StepOutcome.Again(MyRepairsTexts.CancelExpected);
        }

        var state = new MyRepairsState(context.Session);
        return await ActAsync(new CancelRepairTicketCommand(state.TicketId!.Value, context.Input.UserId), MyRepairsTexts.Cancelled, ct);
    }

    private static ValueTask<StepOutcome> HandleRating(DialogContext context, CancellationToken ct)
    {
        var text = context.Text.TrimEnd('分', '星');
        if (text.Length != 1 || text[0] is < '1' or > '5')
        {
            return StepOutcome.AgainAsync(MyRepairsTexts.RatingExpected);
        }

        new MyRepairsState(context.Session).Rating = text[0] - '0';
        return StepOutcome.NextAsync(CommentStep);
    }

    private static ValueTask<string> CommentPrompt(DialogContext context, CancellationToken ct) =>
        ValueTask.FromResult(MyRepairsTexts.CommentPrompt(new MyRepairsState(context.Session).Rating ?? 5));

    private async ValueTask<StepOutcome> HandleCommentAsync(DialogContext context, CancellationToken ct)
    {
        var skip = context.Text is StepWords.Skip or "没有" or "无";
        if (!skip && NoteProblem(context) is { } problem)
        {
            return StepOutcome.Again(problem);
        }

        var state = new MyRepairsState(context.Session);
        if (state.Rating is not { } rating)
        {
            return StepOutcome.Next(RatingStep);
        }

        var command = new ConfirmRepairCommand(state.TicketId!.Value, context.Input.UserId, rating, skip ? null : context.Text);
        return await ActAsync(command, MyRepairsTexts.Confirmed, ct);
    }

    private async ValueTask<StepOutcome> HandleReopenAsync(DialogContext context, CancellationToken ct)
    {
        if (NoteProblem(context) is { } problem)
        {
            return StepOutcome.Again(problem);
        }

        var state = new MyRepairsState(context.Session);
        return await ActAsync(new ReopenRepairTicketCommand(state.TicketId!.Value, context.Input.UserId, context.Text), MyRepairsTexts.Reopened, ct);
    }

    private static string? NoteProblem(DialogContext context)
    {
        var length = ChatText.TypedLength(context);
        return length > RepairTicket.MaxNoteLength ? MyRepairsTexts.NoteTooLong(length, RepairTicket.MaxNoteLength)
            : !ChatText.IsMeaningful(context.Text) ? MyRepairsTexts.NoteMissing
            : null;
    }

    // The ticket may have moved on since it was shown (a worker started, staff rejected it): the domain says so, and
    // the dialog ends there instead of offering actions that no longer apply.
    private async ValueTask<StepOutcome> ActAsync(
        Mediator.ICommand<RepairTicketChangedResult> command, Func<string, string> done, CancellationToken ct)
    {
        try
        {
            var result = await _sender.Send(command, ct);
            return StepOutcome.Finish(ChatReply.Text(done(result.Number)));
        }
        catch (DomainException ex)
        {
            return StepOutcome.Finish(ChatReply.Text(ex.Message + MyRepairsTexts.SeeLatest));
        }
    }
}
