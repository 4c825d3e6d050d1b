using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Simulator.Scripts;

/// <summary>
/// Runs a conversation script against a bot and stops at the first failed check. Takes the HttpClient so tests can
/// pass a WebApplicationFactory client; the CLI passes one pointed at <c>--bot</c>.
/// </summary>
public sealed class ScriptRunner(HttpClient bot, CallbackSettings settings, TextWriter output, IInteractionReporter? interactions = null)
{
    private string? _user;

    /// <summary>The sender until the script says <c>user …</c>. A fresh one per runner, so no old dialog gets in the way.</summary>
    public string DefaultUser => _user ??= "o-sim-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Starts the script as <paramref name="user"/> instead of a fresh user.</summary>
    public ScriptRunner WithUser(string user) => new(bot, settings, output, interactions) { _user = user };

    public async Task<ScriptResult> RunAsync(string script, CancellationToken ct = default)
    {
        var (steps, syntaxError) = ScriptParser.Parse(script);
        var total = steps.OfType<SendStep>().Sum(s => s.Expectations.Count);
        if (syntaxError is not null)
        {
            return Finish(new ScriptResult(0, total, syntaxError));
        }

        var connection = new BotConnection(bot, settings, interactions);
        var transcript = new TranscriptWriter(output);
        var user = DefaultUser;
        var passed = 0;
        output.WriteLine($"user {user}");
        foreach (var step in steps)
        {
            if (step is SwitchUserStep switchUser)
            {
                user = switchUser.User;
                output.WriteLine($"user {user}");
                continue;
            }

            var send = (SendStep)step;
            transcript.Sent(send.Input);
            var answer = await SendAsync(connection, send, user, ct);
            if (answer is null)
            {
                return Finish(new ScriptResult(passed, total, new ScriptFailure(send.Line, "a push to retry before '/retry'", "nothing was sent yet")));
            }

            transcript.Answer(answer);
            var (checkedOk, failure) = Check(send, answer);
            passed += checkedOk;
            if (failure is not null)
            {
                return Finish(new ScriptResult(passed, total, failure));
            }
        }

        return Finish(new ScriptResult(passed, total, null));
    }

    private static async Task<BotAnswer?> SendAsync(BotConnection connection, SendStep send, string user, CancellationToken ct) =>
        send.Action is RetryLast
            ? connection.Last is { } last ? await connection.DeliverAsync(last.Push, ct) : null
            : await connection.SendAsync(send.Action, user, ct);

    /// <returns>How many expectations passed, and the first failure.</returns>
    private (int Passed, ScriptFailure? Failure) Check(SendStep send, BotAnswer answer)
    {
        // A broken answer fails the script even when the text matches: WeChat would not show it.
        if (answer.Kind is not (AnswerKind.Reply or AnswerKind.NoReply) || answer.Warnings.Count > 0)
        {
            return (0, new ScriptFailure(send.Line, "an answer WeChat accepts", string.Join("\n", [answer.Text, .. answer.Warnings])));
        }

        var passed = 0;
        foreach (var expectation in send.Expectations)
        {
            if (!expectation.Alternatives.Any(text => answer.Text.Contains(text, StringComparison.Ordinal)))
            {
                return (passed, new ScriptFailure(expectation.Line, $"the reply to contain \"{expectation.Text}\"", answer.Text));
            }

            output.WriteLine($"  ok: contains \"{expectation.Text}\"");
            passed++;
        }

        return (passed, null);
    }

    private ScriptResult Finish(ScriptResult result)
    {
        output.WriteLine(result.ToString());
        return result;
    }
}
