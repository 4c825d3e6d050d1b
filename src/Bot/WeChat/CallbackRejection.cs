namespace WechatLogistics.Bot.WeChat;

/// <summary>Why a callback was refused. Each maps to a 4xx status; none is ever processed.</summary>
public enum CallbackRejection
{
    MissingParameters,
    StaleTimestamp,
    BadSignature,
    WrongAccount,
    BadCiphertext,
    BadXml,
    BodyTooLarge,
    EncryptionNotConfigured,

    /// <summary>
    /// A retry arrived while the first delivery's claim is still pending and no outcome came within the budget. Its
    /// owner may have died (an instance killed mid-message): a 503 makes WeChat retry again later, by when the claim
    /// has either an outcome or has lapsed and can be taken over. Answering "success" here could lose the message.
    /// </summary>
    StillProcessing,
}

public static class CallbackRejectionExtensions
{
    public static int StatusCode(this CallbackRejection rejection) => rejection switch
    {
        CallbackRejection.BadSignature or CallbackRejection.StaleTimestamp => StatusCodes.Status401Unauthorized,
        CallbackRejection.WrongAccount => StatusCodes.Status403Forbidden,
        CallbackRejection.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        CallbackRejection.StillProcessing => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>Thrown inside the receiver to stop at the first failed check; mapped to a status by the endpoint.</summary>
public sealed class CallbackRejectedException(CallbackRejection rejection) : Exception(rejection.ToString())
{
    public CallbackRejection Rejection { get; } = rejection;
}
