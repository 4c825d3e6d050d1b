using System.Text.Json;
using System.Text.Json.Serialization;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>The stored payload format (<see cref="OutboxMessage.Payload"/>): source-generated, nulls omitted.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(OutboxContent))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext
{
    public static string Serialize(OutboxContent content) => JsonSerializer.Serialize(content, Default.OutboxContent);

    public static OutboxContent Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.OutboxContent) ?? throw new JsonException("Empty outbox payload.");
}
