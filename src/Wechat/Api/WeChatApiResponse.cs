using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api;

/// <summary>
/// Base of every response: WeChat and WeCom put <c>errcode</c>/<c>errmsg</c> on all JSON answers
/// (PROTOCOL §4: failures are <c>{"errcode":N,"errmsg":"… rid: …"}</c>, success may omit them).
/// </summary>
public abstract record WeChatApiResponse
{
    [JsonPropertyName("errcode")]
    public int ErrorCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrorMessage { get; init; }

    [JsonIgnore]
    public bool IsSuccessful => ErrorCode == 0;

    // Sealed so that derived records do not synthesize a ToString printing access_token or session_key.
    public sealed override string ToString() => $"{GetType().Name} {{ errcode = {ErrorCode}, errmsg = {ErrorMessage} }}";
}
