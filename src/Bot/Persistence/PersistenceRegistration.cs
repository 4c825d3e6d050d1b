using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// The EF Core store chosen by <c>Database:Provider</c> (Sqlite by default) on <c>ConnectionStrings:App</c>:
    /// a pooled context per scope, also as <see cref="IAppDbContext"/>; migrated and seeded before requests are served.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseSetup.ProviderFrom(configuration);
        var connectionString = DatabaseSetup.ConnectionStringFrom(configuration, provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(options =>
                DatabaseSetup.Sqlite(options, connectionString));
        }
        else
        {
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(options =>
                DatabaseSetup.Postgres(options, connectionString));
        }

        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
