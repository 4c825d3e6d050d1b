using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Tests.Persistence;

public sealed class PersistenceHostTests
{
    [Fact]
    public async Task Host_OnStart_MigratesSeedsAndReportsTheDatabaseOnHealth()
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        Assert.True(await db.RepairCategories.AnyAsync(c => c.Code == "WATER-TAP", TestContext.Current.CancellationToken));
        Assert.True(await db.VolunteerShifts.AnyAsync(TestContext.Current.CancellationToken));
    }
}
