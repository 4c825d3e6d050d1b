using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Simulator.Scripts;

/// <summary>One instruction of a conversation script, with the line it came from.</summary>
public abstract record ScriptStep(int Line);

/// <summary><c>&gt; text</c>: send as the current user; the <c>&lt;</c> lines after it check the answer.</summary>
public sealed record SendStep(int Line, string Input, UserAction Action) : ScriptStep(Line)
{
    public List<Expectation> Expectations { get; } = [];
}

/// <summary>
/// <c>&lt; text</c>: the answer to the preceding send must contain <paramref name="Text"/>; <c>&lt; a | b</c> accepts
/// either, for answers that depend on live data (a place, or a waitlist place).
/// </summary>
public sealed record Expectation(int Line, string Text)
{
    public const string Separator = " | ";

    public IReadOnlyList<string> Alternatives { get; } = Text.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary><c>user openid</c>: later sends come from this user.</summary>
public sealed record SwitchUserStep(int Line, string User) : ScriptStep(Line);

/// <summary>Where and why a script stopped.</summary>
public sealed record ScriptFailure(int Line, string Expected, string Actual)
{
    public override string ToString() => $"FAIL line {Line}: expected {Expected}\n  actual: {Actual.Replace("\n", "\n          ", StringComparison.Ordinal)}";
}

/// <summary>The outcome: every check passed, or the first failure.</summary>
public sealed record ScriptResult(int PassedChecks, int TotalChecks, ScriptFailure? Failure)
{
    public bool Passed => Failure is null;

    public override string ToString() => Failure?.ToString() ?? $"PASS {PassedChecks}/{TotalChecks}";
}
