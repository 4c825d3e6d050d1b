using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers;

public static class DependencyInjection
{
    /// <summary>The use-case layer's own services (Mediator handlers are registered by the host's generated AddMediator).</summary>
    public static IServiceCollection AddHandlers(this IServiceCollection services)
    {
        services.AddSingleton<DialogRegistry>();
        return services;
    }
}
