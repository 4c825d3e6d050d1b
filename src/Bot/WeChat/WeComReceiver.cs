using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.WeChat.Deferred;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.StaffChat;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// The WeCom self-built app callback (PROTOCOL §5.1–5.2): always encrypted, 4-field msg_signature, CorpId as the
/// receive id. URL verification decrypts <c>echostr</c>; a message is claimed exactly once (the same ledger as the
/// Official Account, keyed by CorpId:AgentId) and answered by the staff chat commands within the deadline, or with an
/// empty body and a later app message when the work is slow. Every refusal is a 4xx, logged once, and changes nothing.
/// </summary>
public sealed partial class WeComReceiver(
    IOptions<WeComOptions> options,
    IOptions<WeChatOptions> platform,
    DeliveryGate gate,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<WeComReceiver> logger) : IDeferredReplay
{
    /// <summary>The name its journaled deliveries carry (<see cref="DeferredDelivery.Receiver"/>).</summary>
    public const string ReplayName = "wecom";

    private readonly WeChatMessageCrypto? _crypto = options.Value.IsCallbackConfigured
        ? new WeChatMessageCrypto(options.Value.Token, options.Value.EncodingAesKey, options.Value.CorpId)
        : null;

    /// <summary>GET: URL verification. The reply is the decrypted echostr only (no quotes, BOM or newline).</summary>
    public IResult Verify(HttpRequest request)
    {
        try
        {
            var crypto = RequireCrypto();
            var (timestamp, nonce, sentAt) = CallbackChecks.RequireTimestampAndNonce(request.Query);
            CallbackChecks.RequireFresh(sentAt, options.Value.TimestampToleranceSeconds, time);
            string? echo = request.Query["echostr"];
            if (string.IsNullOrEmpty(echo))
            {
                throw new CallbackRejectedException(CallbackRejection.MissingParameters);
            }

            return TypedResults.Text(CallbackChecks.Decrypt(crypto, request.Query["msg_signature"], timestamp, nonce, echo), "text/plain");
        }
        catch (CallbackRejectedException rejected)
        {
            return Reject(rejected.Rejection);
        }
    }

    /// <summary>POST: a message or event from a member of the app's visible range.</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var startedAt = time.GetTimestamp();
        try
        {
            var crypto = RequireCrypto();
            var limits = platform.Value;
            var (timestamp, nonce, sentAt) = CallbackChecks.RequireTimestampAndNonce(request.Query);
            CallbackChecks.RequireFresh(sentAt, options.Value.TimestampToleranceSeconds, time);
            var body = await CallbackBodyReader.ReadAsync(request, limits.MaxBodyBytes, ct);
            var xml = CallbackChecks.OpenEnvelope(crypto, body, limits.MaxBodyBytes, request.Query["msg_signature"], timestamp, nonce);
            var message = CallbackChecks.Parse(xml, limits.MaxBodyBytes);

            var account = $"{options.Value.CorpId}:{options.Value.AgentId}";
            var input = ChatInputMapper.Map(message, account, time.GetUtcNow());
            var delivery = new Delivery(
                "wecom:" + account + ":" + message.DedupeKey,
                TimeSpan.FromSeconds(limits.DedupeSeconds),
                null,
                TimeSpan.FromMilliseconds(limits.ReplyDeadlineMilliseconds) - time.GetElapsedTime(startedAt))
            {
                Replay = input.Kind == ChatInputKind.Text ? new DeferredReplay(ReplayName, input) : null,
            };
            var reply = await gate.PassAsync(
                delivery,
                _ => RunAsync(input),
                answer => ReplyRenderer.Render(answer, message, time.GetUtcNow().ToUnixTimeSeconds()),
                answer => SendLaterAsync(input.UserId, answer),
                text => input.Kind == ChatInputKind.Text ? ReplyRenderer.Render(ChatReply.Text(text), message, time.GetUtcNow().ToUnixTimeSeconds()) : null,
                ct);

            // An empty 200 tells WeCom "received, no passive reply" (PROTOCOL §5.2).
            return reply is null ? TypedResults.Text("", "text/plain") : TypedResults.Text(CallbackChecks.Seal(crypto, reply, time), "application/xml");
        }
        catch (CallbackRejectedException rejected)
        {
            return Reject(rejected.Rejection);
        }
    }

    private WeChatMessageCrypto RequireCrypto() =>
        _crypto ?? throw new CallbackRejectedException(CallbackRejection.EncryptionNotConfigured);

    private async Task<ChatReply> RunAsync(ChatInput input)
    {
        // Its own scope: the work may outlive the HTTP request when it misses the deadline.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new HandleStaffChatMessageCommand(input), CancellationToken.None);
    }

    /// <summary>A staff message whose first instance died after answering: the answer goes out as a WeCom app message.</summary>
    public async Task ReplayAsync(ChatInput input, CancellationToken ct) => await SendLaterAsync(input.UserId, await RunAsync(input));

    private async Task SendLaterAsync(string userId, ChatReply answer)
    {
        if (answer is not TextChatReply text)
        {
            return;
        }

        await scopes.QueueAsync(
            new OutboxItem(OutboxChannel.WeComApp, userId, "staff-reply:" + Guid.CreateVersion7().ToString("N"), new OutboxContent { Text = text.Content }),
            CancellationToken.None);
    }

    private IResult Reject(CallbackRejection rejection)
    {
        LogRejected(logger, rejection);
        return TypedResults.Text(rejection.ToString(), "text/plain", statusCode: rejection.StatusCode());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback rejected: {Rejection}")]
    private static partial void LogRejected(ILogger logger, CallbackRejection rejection);
}
