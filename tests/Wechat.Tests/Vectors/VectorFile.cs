using System.Text.Json;

namespace WechatLogistics.Wechat.Tests.Vectors;

/// <summary>
/// Loads the shared known-answer vectors (STYLE: read the file, never retype the strings). Looked up in
/// order: $WECHAT_VECTORS (file or folder); walking up from the test binaries, any
/// &lt;dir&gt;/shared/wechat/vectors.json, or &lt;repo-root&gt;/../shared/wechat/vectors.json where the
/// repo root holds WechatLogistics.sln. Not found is a test failure, never a skip.
/// </summary>
public static class VectorFile
{
    public const string EnvironmentVariable = "WECHAT_VECTORS";

    private static readonly Lazy<IReadOnlyList<WeChatVector>> All = new(Load);

    public static IReadOnlyList<WeChatVector> Vectors => All.Value;

    public static WeChatVector Get(string id) =>
        Vectors.SingleOrDefault(v => v.Id == id)
        ?? throw new InvalidOperationException($"No vector with id '{id}' in {Locate()}.");

    /// <summary>The copy kept in the repository (Vectors/vectors.json), for a checkout without 'shared' beside it.</summary>
    public static string RepositoryCopy => Path.Combine(AppContext.BaseDirectory, "Vectors", "vectors.json");

    public static string Locate()
    {
        var searched = new List<string>();
        var shared = LocateShared(searched);
        if (shared is not null)
        {
            return shared;
        }

        searched.Add(RepositoryCopy);
        if (File.Exists(RepositoryCopy))
        {
            return RepositoryCopy;
        }

        throw new FileNotFoundException(
            "The WeChat known-answer vectors (shared/wechat/vectors.json) were not found. Set "
            + $"{EnvironmentVariable} to the file, or keep 'shared' next to the repository root. Searched:"
            + Environment.NewLine + string.Join(Environment.NewLine, searched));
    }

    /// <summary>The shared file ($WECHAT_VECTORS, or shared/wechat/vectors.json found by walking up), or null.</summary>
    public static string? LocateShared(List<string>? searched = null)
    {
        searched ??= [];
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var candidate = Directory.Exists(fromEnvironment)
                ? Path.Combine(fromEnvironment, "vectors.json")
                : fromEnvironment;
            return File.Exists(candidate)
                ? candidate
                : throw new FileNotFoundException(
                    $"{EnvironmentVariable} is set to '{fromEnvironment}' but '{candidate}' does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var nested = Path.Combine(dir.FullName, "shared", "wechat", "vectors.json");
            searched.Add(nested);
            if (File.Exists(nested))
            {
                return nested;
            }

            if (File.Exists(Path.Combine(dir.FullName, "WechatLogistics.sln")) && dir.Parent is not null)
            {
                var sibling = Path.Combine(dir.Parent.FullName, "shared", "wechat", "vectors.json");
                searched.Add(sibling);
                if (File.Exists(sibling))
                {
                    return sibling;
                }
            }
        }

        return null;
    }

    private static IReadOnlyList<WeChatVector> Load()
    {
        var path = Locate();
        var json = File.ReadAllText(path);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var vectors = JsonSerializer.Deserialize<List<WeChatVector>>(json, options);
        return vectors is { Count: > 0 }
            ? vectors
            : throw new InvalidDataException($"{path} holds no vectors.");
    }
}
