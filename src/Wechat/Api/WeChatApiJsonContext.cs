using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Wechat.Api;

/// <summary>
/// Source-generated (AOT-safe) JSON metadata for every request and response. Use <see cref="Wire"/>:
/// it adds relaxed escaping so Chinese text goes out as UTF-8, not <c>\uXXXX</c>.
/// </summary>
/// <remarks>
/// Nulls are omitted because WeChat rejects <c>"field": null</c> for optional fields (47001); numbers may arrive
/// as strings; property names are explicit snake_case <c>[JsonPropertyName]</c>, never a naming policy
/// (template <c>data</c> keys such as <c>thing1</c> must pass unchanged).
/// </remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CgibinStableTokenRequest))]
[JsonSerializable(typeof(CgibinStableTokenResponse))]
[JsonSerializable(typeof(CgibinMessageCustomSendRequest))]
[JsonSerializable(typeof(CgibinMessageCustomSendResponse))]
[JsonSerializable(typeof(CgibinMessageTemplateSendRequest))]
[JsonSerializable(typeof(CgibinMessageTemplateSendResponse))]
[JsonSerializable(typeof(CgibinMessageSubscribeSendRequest))]
[JsonSerializable(typeof(CgibinMessageSubscribeSendResponse))]
[JsonSerializable(typeof(CgibinMessageSubscribeBizSendRequest))]
[JsonSerializable(typeof(CgibinMessageSubscribeBizSendResponse))]
[JsonSerializable(typeof(SnsJsCode2SessionResponse))]
[JsonSerializable(typeof(CgibinMediaGetResponse))]
[JsonSerializable(typeof(CgibinUserInfoResponse))]
[JsonSerializable(typeof(CgibinGetTokenResponse))]
[JsonSerializable(typeof(CgibinMessageSendRequest))]
[JsonSerializable(typeof(CgibinMessageSendResponse))]
[JsonSerializable(typeof(CgibinWebhookSendRequest))]
[JsonSerializable(typeof(CgibinWebhookSendResponse))]
public sealed partial class WeChatApiJsonContext : JsonSerializerContext
{
    /// <summary>The context every client uses on the wire.</summary>
    public static WeChatApiJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = true,
    });
}
