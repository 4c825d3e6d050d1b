using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace WechatLogistics.Bot.Configuration;

public static class RootAppSettings
{
    /// <summary>
    /// The one appsettings.json lives at the repository root and is linked into the output folder. It is loaded from
    /// there as the first (lowest-priority) source, so it is found whatever the working directory, while environment
    /// variables and the command line still override it.
    /// </summary>
    public static void AddRootAppSettings(this IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
}
