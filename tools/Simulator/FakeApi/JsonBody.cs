using System.Text.Json;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Reads a JSON request body the way the API judges it: empty → 44002, not a JSON object → 47001.</summary>
public static class JsonBody
{
    public static async Task<(JsonElement Root, int Errcode)> ReadAsync(HttpRequest request)
    {
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }

        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (default, 44002);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? (document.RootElement.Clone(), 0) : (default, 47001);
        }
        catch (JsonException)
        {
            return (default, 47001);
        }
    }

    /// <summary>A string property, or "" when absent or not a string.</summary>
    public static string String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";

    /// <summary>A nested string such as text.content, or "".</summary>
    public static string String(this JsonElement element, string parent, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(parent, out var child) ? child.String(name) : "";

    public static bool HasObject(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object;

    public static bool Bool(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
