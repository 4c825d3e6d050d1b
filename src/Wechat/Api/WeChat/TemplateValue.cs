using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>One keyword of a template or subscribe message: <c>"thing1":{"value":"…"}</c>.</summary>
public sealed record TemplateValue([property: JsonPropertyName("value")] string Value);
