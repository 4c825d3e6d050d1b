namespace WechatLogistics.Simulator.Callback;

/// <summary>Prints pushes and answers in the terminal: "&gt; what the user sent", "&lt; what the bot answered".</summary>
public sealed class TranscriptWriter(TextWriter output)
{
    public TextWriter Output => output;

    public void Sent(string line) => output.WriteLine("> " + line);

    public void Answer(BotAnswer answer, string? label = null)
    {
        var lines = answer.Text.Split('\n');
        output.WriteLine("< " + (label is null ? "" : $"[{label}] ") + lines[0]);
        foreach (var line in lines.Skip(1))
        {
            output.WriteLine("  " + line);
        }

        foreach (var warning in answer.Warnings)
        {
            output.WriteLine("  !! " + warning);
        }
    }

    /// <summary>Shows both answers to one push delivered twice, and whether the retry was answered the same.</summary>
    public void Retried(BotAnswer first, BotAnswer retry)
    {
        Answer(retry, "retry");
        output.WriteLine(first.Kind == retry.Kind && first.Text == retry.Text
            ? "  (the retry got the same answer as the first delivery)"
            : "  !! the retry got a different answer from the first delivery: was the push processed twice?");
    }

    public void Note(string text) => output.WriteLine("  (" + text + ")");
}
