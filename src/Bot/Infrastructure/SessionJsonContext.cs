using System.Text.Json.Serialization;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Infrastructure;

/// <summary>Source-generated JSON for what the Bot keeps in Redis: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatSession))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
