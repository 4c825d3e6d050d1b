using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Bot.Tests.Persistence;

public sealed class DatabaseInitializerTests
{
    private static readonly int SeedLocations = ReferenceDataSeed.CreateLocations().Count;
    private static readonly int SeedCategories = ReferenceDataSeed.CreateCategories().Count;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Initialize_OnAnEmptyDatabase_AppliesEveryMigrationAndSeeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = DateTimeOffset.UtcNow;

        await database.InitializeAsync(now);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal((SeedLocations, SeedCategories), await CountReferenceDataAsync(db));
        var shifts = await db.VolunteerShifts.ToListAsync(TestContext.Current.CancellationToken);
        Assert.InRange(shifts.Count, 3, 4);
        Assert.All(shifts, s => Assert.True(s.StartsAt > now, "sample shifts are in the coming days"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Initialize_TwoInstancesAtOnceThenARestart_SeedsEachRowOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await Task.WhenAll(Task.Run(() => database.InitializeAsync()), Task.Run(() => database.InitializeAsync()));
        await using var db = database.CreateContext();
        var shiftsAfterStart = await db.VolunteerShifts.CountAsync(TestContext.Current.CancellationToken);
        await database.InitializeAsync();

        Assert.Equal((SeedLocations, SeedCategories), await CountReferenceDataAsync(db));
        Assert.Equal(shiftsAfterStart, await db.VolunteerShifts.CountAsync(TestContext.Current.CancellationToken));
        Assert.InRange(shiftsAfterStart, 3, 4);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Initialize_AfterStaffRenamedALocation_KeepsTheirName(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        var libraryId = ReferenceDataSeed.LocationId("E-LIB");
        await using (var db = database.CreateContext())
        {
            var library = await db.Locations.SingleAsync(l => l.Id == libraryId, TestContext.Current.CancellationToken);
            library.Rename("逸夫图书馆");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await database.InitializeAsync();

        await using var reread = database.CreateContext();
        Assert.Equal("逸夫图书馆", (await reread.Locations.SingleAsync(l => l.Id == libraryId, TestContext.Current.CancellationToken)).Name);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Model_MatchesTheProvidersMigrations(DatabaseProvider provider)
    {
        // No server needed: the comparison is between the model and the migrations' snapshot.
        var connectionString = provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Host=unused;Database=unused";
        using var db = DatabaseSetup.CreateContext(provider, connectionString);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration; see docs/decisions/persistence.md for the command.");
    }

    private static async Task<(int Locations, int Categories)> CountReferenceDataAsync(AppDbContext db) =>
        (await db.Locations.CountAsync(TestContext.Current.CancellationToken),
            await db.RepairCategories.CountAsync(TestContext.Current.CancellationToken));
}
