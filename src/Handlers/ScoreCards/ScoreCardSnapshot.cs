using System.Text.Json;
using System.Text.Json.Serialization;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>A locked period's cards as stored in <c>ScoreCardPeriod.Snapshot</c> (enums by name, like the rest of the model).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScoreCardReport))]
internal sealed partial class ScoreCardSnapshot : JsonSerializerContext
{
    public static string Write(ScoreCardReport report) => JsonSerializer.Serialize(report, Default.ScoreCardReport);

    public static ScoreCardReport Read(string snapshot) =>
        JsonSerializer.Deserialize(snapshot, Default.ScoreCardReport) ?? throw new InvalidOperationException("Empty score card snapshot.");
}
