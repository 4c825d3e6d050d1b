using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Assets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.EmergencyPlans;
using WechatLogistics.Handlers.DepartmentRequests;
using WechatLogistics.Handlers.DepartmentRequests.Chat;
using WechatLogistics.Handlers.Feedbacks;
using WechatLogistics.Handlers.Incidents;
using WechatLogistics.Handlers.RepairTickets.Chat;
using WechatLogistics.Handlers.ScoreCards;
using WechatLogistics.Handlers.Sla;
using WechatLogistics.Handlers.Volunteering;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Handlers;

public static class DependencyInjection
{
    /// <summary>The use-case layer's own services (Mediator handlers are registered by the host's generated AddMediator).</summary>
    public static IServiceCollection AddHandlers(this IServiceCollection services)
    {
        // Scoped: dialogs send commands through the scope's (scoped) Mediator, so the registry lives per message too.
        services.AddScoped<DialogRegistry>();
        services.AddMemoryCache();

        services.AddScoped<IChatDialog, RepairDialog>();
        services.AddScoped<IChatDialog, MyRepairsDialog>();
        services.AddScoped<IChatDialog, FeedbackDialog>();
        services.AddScoped<IChatDialog, VolunteerDialog>();
        services.AddScoped<IChatDialog, MyShiftsDialog>();
        services.AddScoped<IChatDialog, DepartmentRequestDialog>();
        services.AddNotifications();
        services.AddAnnouncements();
        services.AddSla();
        services.AddIncidents();
        services.AddEmergencyPlans();
        services.AddScoreCards();
        services.AddVolunteerHours();
        services.AddDepartmentRequests();
        services.AddAssets();
        return services;
    }
}
