using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.DepartmentRequests;

public static class DepartmentRequestsRegistration
{
    /// <summary>The options (validated at start) and the notification mappers of filings and decisions.</summary>
    public static IServiceCollection AddDepartmentRequests(this IServiceCollection services)
    {
        services.AddOptions<DepartmentRequestOptions>().BindConfiguration(DepartmentRequestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DepartmentRequestOptions>, DepartmentRequestOptionsValidator>();
        services.AddScoped<MaintenanceTicketFromRequest>();
        services.AddSingleton<IDomainEventMapper, AlertApproversWhenDepartmentRequestSubmitted>();
        services.AddSingleton<IDomainEventMapper, NotifyWhenDepartmentRequestDecided>();
        return services;
    }
}
