using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>
/// The real Bot host in memory, with the real appsettings.json, plus test dialogs and spies that count what was
/// processed and what was logged. <paramref name="redis"/> switches from in-process stores to a real Redis.
/// Each instance gets its own SQLite file in a temp folder (deleted on dispose) unless <paramref name="settings"/>
/// name another database.
/// </summary>
public class BotFactory(string? redis = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public ProbeDialog Probe { get; } = new();

    public SurveyDialog Survey { get; } = new();

    public RecordingDeferredSender Deferred { get; } = new();

    /// <summary>False keeps the real deferred sender (customer-service messages through the WeChat API client).</summary>
    public bool RecordDeferredReplies { get; init; } = true;

    public CapturingLoggerProvider Logs { get; } = new();

    public CountingLedger Ledger => Services.GetRequiredService<CountingLedger>();

    /// <summary>Changes to the services after the Bot's own (a test double in place of a real part).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    private readonly string _databaseFolder = TestDatabase.NewTempFolder();

    private string DatabaseConnectionString => $"Data Source={Path.Combine(_databaseFolder, "bot.db")}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.DeleteSqliteFolder(_databaseFolder, DatabaseConnectionString);
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestDatabase.DeleteSqliteFolder(_databaseFolder, DatabaseConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Redis", redis ?? string.Empty);
        builder.UseSetting("Logging:Console:LogLevel:Default", "Error");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:App", DatabaseConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IChatDialog>(Probe);
            services.AddSingleton<IChatDialog>(Survey);
            if (RecordDeferredReplies)
            {
                services.AddSingleton<IDeferredReplySender>(Deferred);
            }

            // Count claims on the real ledger: a refused push must never reach it.
            var real = services.Last(d => d.ServiceType == typeof(IDeliveryLedger));
            services.Remove(real);
            services.AddSingleton(sp => new CountingLedger((IDeliveryLedger)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
            services.AddSingleton<IDeliveryLedger>(sp => sp.GetRequiredService<CountingLedger>());
            ConfigureServices?.Invoke(services);
        });
    }
}
