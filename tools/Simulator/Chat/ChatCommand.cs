using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Simulator.Chat;

/// <summary>
/// <c>chat</c>: each input line becomes a push from <paramref name="user"/>; the bot's answer is printed. With
/// <paramref name="retryEverything"/> each push is delivered twice, like WeChat retrying an unanswered push.
/// </summary>
public sealed class ChatCommand(BotConnection bot, string user, bool retryEverything, TranscriptWriter transcript)
{
    /// <param name="echo">Print each line read (when the input is piped, so the transcript shows what was sent).</param>
    public async Task RunAsync(TextReader input, bool echo, CancellationToken ct = default)
    {
        while (await ReadAsync(input, echo, ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            switch (UserAction.Parse(line))
            {
                case Quit:
                    return;
                case InvalidAction invalid:
                    transcript.Note(invalid.Problem);
                    break;
                case RetryLast:
                    await RetryLastAsync(ct);
                    break;
                case var action:
                    await SendAsync(action, ct);
                    break;
            }
        }
    }

    private async Task SendAsync(UserAction action, CancellationToken ct)
    {
        var first = await bot.SendAsync(action, user, ct);
        transcript.Answer(first, retryEverything ? "1st delivery" : null);
        if (retryEverything)
        {
            transcript.Retried(first, await bot.DeliverAsync(bot.Last!.Value.Push, ct));
        }
    }

    private async Task RetryLastAsync(CancellationToken ct)
    {
        if (bot.Last is not { } last)
        {
            transcript.Note("nothing to retry yet");
            return;
        }

        transcript.Note($"WeChat retries the last push ({last.Push.Summary}) with the same MsgId/CreateTime");
        transcript.Retried(last.Answer, await bot.DeliverAsync(last.Push, ct));
    }

    private async Task<string?> ReadAsync(TextReader input, bool echo, CancellationToken ct)
    {
        if (!echo)
        {
            await transcript.Output.WriteAsync("> ");
            await transcript.Output.FlushAsync(ct);
        }

        var line = await input.ReadLineAsync(ct);
        if (echo && line is not null && !string.IsNullOrWhiteSpace(line))
        {
            transcript.Sent(line);
        }

        return line;
    }
}
