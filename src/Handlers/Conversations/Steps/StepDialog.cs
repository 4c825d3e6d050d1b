namespace WechatLogistics.Handlers.Conversations.Steps;

/// <summary>
/// A dialog made of named steps, with the words every step understands: <c>取消</c> leaves the dialog,
/// <c>返回</c> goes back one step, <c>帮助</c> explains the current step. Each step answers one message with
/// <see cref="StepOutcome"/>: go on to another step, ask again (bad input never throws), or finish.
/// Subclasses register steps in <see cref="Steps"/> and name the first in <see cref="FirstStep"/>.
/// </summary>
public abstract class StepDialog : IChatDialog
{
    private const string PathSlot = "_path";

    private IReadOnlyDictionary<string, DialogStep>? _steps;

    public abstract string Name { get; }

    public abstract string Keyword { get; }

    public abstract string Description { get; }

    public abstract int MenuOrder { get; }

    /// <summary>What the dialog is called in its own messages, e.g. "报修".</summary>
    protected abstract string Title { get; }

    protected abstract string FirstStep { get; }

    /// <summary>
    /// Built on first use: a dialog is made for every message (its scope's Mediator sends its commands), but most
    /// messages only ask it whether it is triggered and never reach its steps.
    /// </summary>
    protected IReadOnlyDictionary<string, DialogStep> Steps => _steps ??= BuildSteps();

    protected abstract IReadOnlyDictionary<string, DialogStep> BuildSteps();

    /// <summary>
    /// The answer to <c>取消</c>. Dialogs whose title reads like an action on the user's data ("已取消我的值班") override
    /// it to say plainly that only the conversation ended.
    /// </summary>
    protected virtual string CancelledText => $"已取消{Title}。如需帮助请回复\"帮助\"。";

    /// <summary>The EventKey of this dialog's menu button (<see cref="MenuKeys"/>), or null when it has none.</summary>
    protected virtual string? MenuKey => null;

    /// <summary>The words that start this dialog at the top level (usually including <see cref="Keyword"/>).</summary>
    protected abstract IReadOnlySet<string> TriggerWords { get; }

    public virtual bool IsTriggeredBy(ChatInput input, string normalizedText) =>
        DialogTriggers.Matches(input, normalizedText, MenuKey, TriggerWords);

    public virtual async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        context.Enter(Name, FirstStep);
        return await PromptAsync(context, FirstStep, null, ct);
    }

    /// <summary>Runs the current step; override to look at a message before the steps do (e.g. a resume prompt).</summary>
    public virtual async ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct)
    {
        var current = context.Session.Step ?? FirstStep;
        if (!Steps.TryGetValue(current, out var step))
        {
            context.End();
            return ChatReply.Text($"{Title}流程已更新，请重新开始。");
        }

        switch (context.Text)
        {
            case StepWords.Cancel:
                context.End();
                return ChatReply.Text(CancelledText);
            case StepWords.Back:
                return await BackAsync(context, ct);
            case var word when MenuKeys.HelpWords.Contains(word):
                return ChatReply.Text(step.Help + "\n" + StepWords.Footer);
        }

        var outcome = await step.Handle(context, ct);
        switch (outcome)
        {
            case StepOutcome.NextStep next:
                Push(context, current);
                context.GoTo(next.Step);
                return await PromptAsync(context, next.Step, next.Lead, ct);
            case StepOutcome.AskAgain again:
                return await PromptAsync(context, current, again.Problem, ct);
            case StepOutcome.Finished finished:
                context.End();
                return finished.Reply;
            default:
                throw new InvalidOperationException($"Unknown step outcome {outcome.GetType().Name}.");
        }
    }

    private async ValueTask<ChatReply> BackAsync(DialogContext context, CancellationToken ct)
    {
        var path = Path(context);
        if (path.Count == 0)
        {
            return await PromptAsync(context, context.Session.Step ?? FirstStep, "已经是第一步了。", ct);
        }

        var previous = path[^1];
        path.RemoveAt(path.Count - 1);
        context.Session.Slots[PathSlot] = string.Join(',', path);
        context.GoTo(previous);
        return await PromptAsync(context, previous, null, ct);
    }

    /// <summary>Asks <paramref name="stepName"/>'s question, after <paramref name="lead"/> when given, with the footer.</summary>
    protected async ValueTask<ChatReply> PromptAsync(DialogContext context, string stepName, string? lead, CancellationToken ct)
    {
        var prompt = await Steps[stepName].Prompt(context, ct);
        return ChatReply.Text((lead is null ? "" : lead + "\n") + prompt + "\n" + StepWords.Footer);
    }

    private static void Push(DialogContext context, string step)
    {
        var path = Path(context);
        path.Add(step);
        context.Session.Slots[PathSlot] = string.Join(',', path);
    }

    private static List<string> Path(DialogContext context) =>
        context.Session.Slots.TryGetValue(PathSlot, out var value) && value.Length > 0 ? [.. value.Split(',')] : [];
}
