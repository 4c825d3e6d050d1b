using Microsoft.Extensions.DependencyInjection;

namespace WechatLogistics.Handlers.Assets;

public static class AssetsRegistration
{
    public static IServiceCollection AddAssets(this IServiceCollection services)
    {
        services.AddOptions<AssetOptions>().BindConfiguration(AssetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
