using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// The Official Account server callback (PROTOCOL §1): checks the signature and the timestamp, decrypts in
/// compatible and safe mode, checks the AppId inside the ciphertext, parses the XML, and hands the message to the
/// dispatcher. Every refusal is a 4xx, logged once, and changes nothing.
/// </summary>
public sealed partial class OfficialAccountReceiver(
    IOptions<WeChatOptions> options,
    MessageDispatcher dispatcher,
    TimeProvider time,
    ILogger<OfficialAccountReceiver> logger)
{
    private readonly WeChatMessageCrypto? _crypto = options.Value.IsEncryptionConfigured
        ? new WeChatMessageCrypto(options.Value.Token, options.Value.EncodingAesKey, options.Value.AppId)
        : null;

    /// <summary>GET: URL verification. The 3-field signature; echostr goes back exactly as received (never encrypted).</summary>
    public IResult Verify(HttpRequest request)
    {
        var query = request.Query;
        string? timestamp = query["timestamp"], nonce = query["nonce"], echo = query["echostr"];
        if (timestamp is null || nonce is null || echo is null)
        {
            return Reject(CallbackRejection.MissingParameters);
        }

        return WeChatSignature.Verify(query["signature"], options.Value.Token, timestamp, nonce)
            ? TypedResults.Text(echo, "text/plain")
            : Reject(CallbackRejection.BadSignature);
    }

    /// <summary>POST: a message or event push in plaintext, compatible or safe mode.</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var startedAt = time.GetTimestamp();
        try
        {
            var (message, encrypted) = await ReadMessageAsync(request, ct);
            using var scope = logger.BeginScope(new MessageLogScope(message.MsgType, message.CreateTime, LogIds.ShortUser(message.FromUserName)));

            var reply = await dispatcher.DispatchAsync(message, options.Value.AppId, startedAt, ct);
            if (reply is null)
            {
                return TypedResults.Text("success", "text/plain");
            }

            return encrypted
                ? TypedResults.Text(CallbackChecks.Seal(_crypto!, reply, time), "application/xml")
                : TypedResults.Text(reply, "application/xml");
        }
        catch (CallbackRejectedException rejected)
        {
            return Reject(rejected.Rejection);
        }
    }

    private async Task<(InboundMessage Message, bool Encrypted)> ReadMessageAsync(HttpRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var query = request.Query;
        var (timestamp, nonce, sentAt) = CallbackChecks.RequireTimestampAndNonce(query);

        // The 3-field signature comes with every push, whatever the mode; check it before reading the body.
        if (!WeChatSignature.Verify(query["signature"], settings.Token, timestamp, nonce))
        {
            throw new CallbackRejectedException(CallbackRejection.BadSignature);
        }

        CallbackChecks.RequireFresh(sentAt, settings.TimestampToleranceSeconds, time);
        var body = await CallbackBodyReader.ReadAsync(request, settings.MaxBodyBytes, ct);
        var encrypted = string.Equals(query["encrypt_type"], "aes", StringComparison.OrdinalIgnoreCase);
        if (!encrypted)
        {
            return (CallbackChecks.Parse(body, settings.MaxBodyBytes), false);
        }

        if (_crypto is null)
        {
            throw new CallbackRejectedException(CallbackRejection.EncryptionNotConfigured);
        }

        // Safe mode: msg_signature covers the ciphertext; it is checked before anything is decrypted.
        var xml = CallbackChecks.OpenEnvelope(_crypto, body, settings.MaxBodyBytes, query["msg_signature"], timestamp, nonce);
        return (CallbackChecks.Parse(xml, settings.MaxBodyBytes), true);
    }

    private IResult Reject(CallbackRejection rejection)
    {
        LogRejected(logger, rejection);
        return TypedResults.Text(rejection.ToString(), "text/plain", statusCode: rejection.StatusCode());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat callback rejected: {Rejection}")]
    private static partial void LogRejected(ILogger logger, CallbackRejection rejection);

    private sealed record MessageLogScope(string MsgType, long CreateTime, string User)
    {
        public override string ToString() => $"MsgType={MsgType} CreateTime={CreateTime} User={User}";
    }
}
