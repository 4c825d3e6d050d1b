using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Feedbacks;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Handlers;

public static class DependencyInjection
{
    /// <summary>The use-case layer's own services (Mediator handlers are registered by the host's generated AddMediator).</summary>
    public static IServiceCollection AddHandlers(this IServiceCollection services)
    {
        // Scoped, like the engine that uses them: dialogs send commands through the scoped Mediator.
        services.AddScoped<DialogRegistry>();
        services.AddScoped<IChatDialog, FeedbackDialog>();
        services.AddScoped<IChatDialog, VolunteerDialog>();
        services.AddScoped<IChatDialog, MyShiftsDialog>();
        return services;
    }
}
