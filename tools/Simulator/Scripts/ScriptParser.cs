using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Simulator.Scripts;

/// <summary>
/// Parses a conversation script: <c>&gt; text</c> sends (chat commands such as <c>/sub</c> included),
/// <c>&lt; text</c> expects the answer to contain text (<c>&lt; a | b</c>: either), <c>user openid</c> switches the sender, <c>#</c> comments.
/// </summary>
public static class ScriptParser
{
    /// <returns>The steps, or the first line that is not valid.</returns>
    public static (IReadOnlyList<ScriptStep> Steps, ScriptFailure? Error) Parse(string script)
    {
        var steps = new List<ScriptStep>();
        var lines = script.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var error = line[0] switch
            {
                '>' => AddSend(steps, number, line[1..].Trim()),
                '<' => AddExpectation(steps, number, line[1..].Trim()),
                _ when line.StartsWith("user ", StringComparison.Ordinal) && line[5..].Trim().Length > 0 =>
                    Add(steps, new SwitchUserStep(number, line[5..].Trim())),
                _ => Invalid(number, "a line starting with '>', '<', 'user <openid>' or '#'", line),
            };
            if (error is not null)
            {
                return (steps, error);
            }

            if (steps.LastOrDefault() is SendStep { Action: Quit })
            {
                steps.RemoveAt(steps.Count - 1);
                break;
            }
        }

        return (steps, null);
    }

    private static ScriptFailure? AddSend(List<ScriptStep> steps, int number, string input) =>
        UserAction.Parse(input) switch
        {
            _ when input.Length == 0 => Invalid(number, "something to send after '>'", "an empty line"),
            InvalidAction invalid => Invalid(number, "a message or a chat command", invalid.Problem),
            var action => Add(steps, new SendStep(number, input, action)),
        };

    private static ScriptFailure? AddExpectation(List<ScriptStep> steps, int number, string text)
    {
        if (text.Length == 0)
        {
            return Invalid(number, "some text after '<'", "an empty expectation");
        }

        if (steps.LastOrDefault() is not SendStep send)
        {
            return Invalid(number, "a '>' line before the first '<' line", "< " + text);
        }

        send.Expectations.Add(new Expectation(number, text));
        return null;
    }

    private static ScriptFailure? Add(List<ScriptStep> steps, ScriptStep step)
    {
        steps.Add(step);
        return null;
    }

    private static ScriptFailure Invalid(int line, string expected, string actual) => new(line, expected, actual);
}
