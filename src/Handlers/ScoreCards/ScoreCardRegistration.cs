using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WechatLogistics.Handlers.ScoreCards;

public static class ScoreCardRegistration
{
    /// <summary>The indicators' weights and targets (validated at start) and the calculator over the KPI reader.</summary>
    public static IServiceCollection AddScoreCards(this IServiceCollection services)
    {
        services.AddOptions<ScoreCardOptions>().BindConfiguration(ScoreCardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoreCardOptions>, ScoreCardOptionsValidation>();
        services.AddScoped<ScoreCardCalculator>();
        return services;
    }
}
