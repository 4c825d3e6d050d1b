using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using WechatLogistics.Wechat.Api;

namespace WechatLogistics.Wechat.Tests.Api;

/// <summary>Like SKIT's code-analyzer test: the model conventions hold for every API, present and future.</summary>
public sealed partial class ApiConventionTests
{
    private static readonly Type[] ApiTypes =
    [
        .. typeof(WeChatApiResponse).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("WechatLogistics.Wechat.Api", StringComparison.Ordinal) == true && t.IsPublic),
    ];

    public static TheoryData<string> RequestTypes =>
        [.. ApiTypes.Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal) && !t.IsAbstract).Select(t => t.FullName!)];

    [Fact]
    public void ThereAreRequestTypesToCheck() => Assert.True(RequestTypes.Count >= 9);

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void EveryRequest_HasAMatchingResponse(string requestTypeName)
    {
        var request = ApiTypes.Single(t => t.FullName == requestTypeName);
        var responseName = request.FullName![..^"Request".Length] + "Response";

        var response = ApiTypes.SingleOrDefault(t => t.FullName == responseName);

        Assert.True(response is not null, $"{request.Name} has no {responseName}");
        Assert.True(request.IsSubclassOf(typeof(WeChatApiRequest)), $"{request.Name} must derive from WeChatApiRequest");
        Assert.True(response.IsSubclassOf(typeof(WeChatApiResponse)), $"{response.Name} must derive from WeChatApiResponse");
        Assert.True(request.IsSealed && response.IsSealed);
    }

    [Fact]
    public void EverySerializedProperty_HasAnExplicitSnakeCaseName()
    {
        // A missing [JsonPropertyName] would send "ToUser" instead of "touser": WeChat would reject the call.
        var models = SerializedTypes().SelectMany(t => t.GetNestedTypes().Prepend(t)).Distinct().ToList();

        var offenders = models
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Where(x => x.Property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name || !SnakeCase().IsMatch(name.Name))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();

        Assert.NotEmpty(models);
        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryResponse_IsRegisteredInTheJsonContext()
    {
        var registered = SerializedTypes().ToHashSet();

        var missing = ApiTypes.Where(t => t.IsSubclassOf(typeof(WeChatApiResponse)) && !registered.Contains(t)).Select(t => t.Name);

        Assert.Empty(missing);
    }

    private static IEnumerable<Type> SerializedTypes() =>
        typeof(WeChatApiJsonContext).CustomAttributes
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
