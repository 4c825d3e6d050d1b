namespace WechatLogistics.Handlers.Conversations.Steps;

/// <summary>One step of a <see cref="StepDialog"/>: what it asks, how it explains itself, how it takes an answer.</summary>
public sealed record DialogStep(
    Func<DialogContext, CancellationToken, ValueTask<string>> Prompt,
    string Help,
    Func<DialogContext, CancellationToken, ValueTask<StepOutcome>> Handle)
{
    /// <summary>A step whose prompt does not depend on the conversation.</summary>
    public static DialogStep Fixed(string prompt, string help, Func<DialogContext, CancellationToken, ValueTask<StepOutcome>> handle) =>
        new((_, _) => ValueTask.FromResult(prompt), help, handle);
}

/// <summary>What a step decided about one message.</summary>
public abstract record StepOutcome
{
    /// <summary>Go on to <paramref name="step"/>, optionally saying something first (e.g. "已选择：水").</summary>
    public static StepOutcome Next(string step, string? lead = null) => new NextStep(step, lead);

    /// <summary>Stay on this step and ask again, after saying what was wrong.</summary>
    public static StepOutcome Again(string problem) => new AskAgain(problem);

    /// <summary>The dialog is complete; its session slots are forgotten.</summary>
    public static StepOutcome Finish(ChatReply reply) => new Finished(reply);

    public static ValueTask<StepOutcome> NextAsync(string step, string? lead = null) => ValueTask.FromResult(Next(step, lead));

    public static ValueTask<StepOutcome> AgainAsync(string problem) => ValueTask.FromResult(Again(problem));

    public sealed record NextStep(string Step, string? Lead) : StepOutcome;

    public sealed record AskAgain(string Problem) : StepOutcome;

    public sealed record Finished(ChatReply Reply) : StepOutcome;
}
