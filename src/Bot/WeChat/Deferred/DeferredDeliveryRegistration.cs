namespace WechatLogistics.Bot.WeChat.Deferred;

public static class DeferredDeliveryRegistration
{
    /// <summary>The journal of owed answers and its recovery; receivers add themselves with <see cref="AddDeferredReplay{T}"/>.</summary>
    public static IServiceCollection AddDeferredDeliveries(this IServiceCollection services)
    {
        services.AddOptions<DeferredDeliveryOptions>().BindConfiguration(DeferredDeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeferredDeliveryJournal>();
        services.AddSingleton<DeferredDeliveryRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<DeferredDeliveryRecovery>());
        return services;
    }

    /// <summary>Registers the singleton <typeparamref name="T"/> as the replay of the messages journaled under <paramref name="receiver"/>.</summary>
    public static IServiceCollection AddDeferredReplay<T>(this IServiceCollection services, string receiver)
        where T : class, IDeferredReplay =>
        services.AddKeyedSingleton<IDeferredReplay>(receiver, (sp, _) => sp.GetRequiredService<T>());
}
