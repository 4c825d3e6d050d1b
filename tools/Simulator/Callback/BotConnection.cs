using System.Globalization;

namespace WechatLogistics.Simulator.Callback;

/// <summary>
/// Plays the WeChat server toward one bot: turns user actions into signed pushes, delivers them within WeChat's
/// 5-second deadline, reads the answers, and keeps the last push so it can be retried byte for byte.
/// </summary>
/// <param name="http">Its base address is the bot (a WebApplicationFactory client in tests).</param>
/// <param name="interactions">Told about each user message, so a fake API can open the 48-hour window; optional.</param>
public sealed class BotConnection(HttpClient http, CallbackSettings settings, IInteractionReporter? interactions = null, TimeProvider? time = null)
{
    private readonly PushSigner _signer = new(settings);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, long> _lastCreateTime = new(StringComparer.Ordinal);
    private ReplyReader? _reader;

    public CallbackSettings Settings => settings;

    /// <summary>The last push delivered (for <c>/retry</c>), with the answer its first delivery got.</summary>
    public (SignedPush Push, BotAnswer Answer)? Last { get; private set; }

    private ReplyReader Reader => _reader ??= new ReplyReader(settings, _signer.Crypto);

    /// <summary>Builds a fresh push for <paramref name="action"/> (new MsgId, CreateTime, timestamp and nonce).</summary>
    public SignedPush Compose(UserAction action, string user)
    {
        var createTime = NextCreateTime(user);
        var msgId = Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue);
        var account = settings.Account;
        var (summary, xml, isUserMessage) = action switch
        {
            SendText text => ($"text {text.Text}", PushXml.Text(account, user, createTime, text.Text, msgId), true),
            SendEvent e => ($"event {e.Event}{(e.Key is null ? "" : " " + e.Key)}", PushXml.Event(account, user, createTime, e.Event, e.Key), false),
            SendImage image => ($"image {image.PicUrl}", PushXml.Image(account, user, createTime, image.PicUrl, $"sim-media-{msgId}", msgId), true),
            SendLocation l => ($"location {l.Latitude},{l.Longitude} {l.Label}", PushXml.Location(account, user, createTime, l.Latitude, l.Longitude, l.Label, msgId), true),
            _ => throw new ArgumentException($"{action.GetType().Name} is not a push.", nameof(action)),
        };
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return _signer.Sign(user, summary, xml, isUserMessage, timestamp);
    }

    /// <summary>Composes and delivers a push; it becomes <see cref="Last"/>.</summary>
    public async Task<BotAnswer> SendAsync(UserAction action, string user, CancellationToken ct = default)
    {
        var push = Compose(action, user);
        var answer = await DeliverAsync(push, ct);
        Last = (push, answer);
        if (push.IsUserMessage && interactions is not null && answer.Kind is AnswerKind.Reply or AnswerKind.NoReply)
        {
            await interactions.UserSentMessageAsync(user, ct);
        }

        return answer;
    }

    /// <summary>Delivers <paramref name="push"/> exactly as given (a retry sends the same bytes again).</summary>
    public async Task<BotAnswer> DeliverAsync(SignedPush push, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.Deadline);
        try
        {
            using var request = push.ToRequest();
            using var response = await http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return Reader.Read(response.StatusCode, body, push.User);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return BotAnswer.Problem(AnswerKind.TimedOut,
                $"(no answer within {settings.Deadline.TotalSeconds:0.#} s: WeChat would drop the connection and retry, then show 该公众号暂时无法提供服务)");
        }
        catch (HttpRequestException ex)
        {
            return BotAnswer.Problem(AnswerKind.Unreachable, $"(cannot reach the bot at {http.BaseAddress}: {ex.Message})");
        }
    }

    // Events are deduplicated by FromUserName + CreateTime (PROTOCOL §3.1): two clicks in the same second would look
    // like a retry. A real user cannot be that fast, so keep each user's CreateTime strictly increasing.
    private long NextCreateTime(string user)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var next = _lastCreateTime.TryGetValue(user, out var last) && last >= now ? last + 1 : now;
        _lastCreateTime[user] = next;
        return next;
    }
}
