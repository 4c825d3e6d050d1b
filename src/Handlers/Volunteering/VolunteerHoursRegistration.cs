using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Volunteering;

public static class VolunteerHoursRegistration
{
    /// <summary>The 我的志愿时长 chat answer (the ledger's handlers are Mediator's).</summary>
    public static IServiceCollection AddVolunteerHours(this IServiceCollection services) =>
        services.AddScoped<IChatDialog, MyHoursDialog>();
}
