using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Announcements.Chat;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Announcements;

public static class AnnouncementsRegistration
{
    /// <summary>The 公告 and 绑定宿舍 dialogs (scoped: they send Mediator messages) and the staff list options.</summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services)
    {
        services.AddOptions<AnnouncementOptions>().BindConfiguration(AnnouncementOptions.Section);
        services.AddScoped<IChatDialog, AnnouncementsDialog>();
        services.AddScoped<IChatDialog, BindDormDialog>();
        return services;
    }
}
