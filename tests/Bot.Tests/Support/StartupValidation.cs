using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>
/// Starts the real Bot application (as Program does) with some settings changed and returns the validation error
/// that stops it. Unlike WebApplicationFactory, a host that fails to start cannot race its own disposal here.
/// </summary>
public static class StartupValidation
{
    public static Task<OptionsValidationException> StartFailureAsync(string key, string value) =>
        StartFailureAsync(new Dictionary<string, string> { [key] = value });

    public static async Task<OptionsValidationException> StartFailureAsync(IReadOnlyDictionary<string, string> settings)
    {
        var database = Path.Combine(Path.GetTempPath(), $"wl-startup-{Guid.NewGuid():N}.db");
        string[] args =
        [
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:App=Data Source={database}", "--ConnectionStrings:Redis=",
        ];
        await using var app = BotApp.Create(args);
        try
        {
            return await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        }
        finally
        {
            File.Delete(database);
        }
    }
}
