using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Assets;

namespace WechatLogistics.Bot.Tests.Assets;

/// <summary>The CSV import: good rows land, every bad row is reported by line, and a failure part-way keeps nothing.</summary>
public sealed class AssetImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TenThousandRows_GoodOnesImported_EveryBadOneReportedByLine(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        await desk.ImportAsync(AssetFiles.Csv(["OLD-1,热水器,E-D02,水电班,,2020-01-01,800,in-use"]));
        var rows = AssetFiles.GoodRows(10_000);
        // Line numbers: the header is line 1, so rows[i] is on line i + 2.
        (int Index, string Row, string Reason)[] bad =
        [
            (10, "BAD-1,空调,X-NOWHERE,空调组,,2024-01-01,1,in-use", "没有找到地点编码“X-NOWHERE”"),
            (200, "AC-00005,空调,E-D01,空调组,,2024-01-01,1,in-use", "与第6行重复"),
            (300, "OLD-1,空调,E-D01,空调组,,2024-01-01,1,in-use", "设备编号“OLD-1”已存在"),
            (400, "BAD-2,空调,E-D01,空调组,,2024-13-01,1,in-use", "购置日期“2024-13-01”不正确"),
            (500, "BAD-3,空调,E-D01,空调组,,2024-01-01,-5,in-use", "设备原值不能为负数"),
            (600, "BAD-4,空调,E-D01,消防队,,2024-01-01,1,in-use", "没有找到班组“消防队”"),
            (700, "BAD-5,空调,E-D01,,nobody,2024-01-01,1,in-use", "没有找到责任人“nobody”"),
            (800, "BAD-6,空调,E-D01,空调组,2024-01-01,1,in-use", "应有8列，实际7列"),
            (900, "BAD-7,空调,E-D01,,,2024-01-01,1,in-use", "请填写责任班组或责任人"),
            (1000, "BAD-8,空调,E-D01,空调组,,2030-01-01,1,in-use", "购置日期不能晚于今天"),
            (1100, "BAD 9,空调,E-D01,空调组,,2024-01-01,1,in-use", "格式不正确"),
            (1200, "BAD-10,空调,E-D01,空调组,,2024-01-01,1,broken", "状态“broken”不正确"),
        ];
        foreach (var (index, row, _) in bad)
        {
            rows[index] = row;
        }

        var result = await desk.ImportAsync(AssetFiles.Csv(rows));

        Assert.Equal((10_000 - bad.Length, bad.Length), (result.Imported, result.Rejected));
        Assert.Equal(bad.Select(b => b.Index + 2), result.Errors.Select(e => e.Line));
        Assert.All(bad.Zip(result.Errors), pair => Assert.Contains(pair.First.Reason, pair.Second.Reason, StringComparison.Ordinal));
        await using var db = database.CreateContext();
        var seeded = ReferenceDataSeed.CreateAssets(DateOnly.MaxValue).Count;
        Assert.Equal(10_000 - bad.Length + 1, await db.Assets.CountAsync(Ct) - seeded);
        var sample = await db.Assets.AsNoTracking().SingleAsync(a => a.Code == "AC-00003", Ct);
        Assert.Equal((ReferenceDataSeed.LocationId("S-LAB"), null, StaffDesk.Wang, 3003.50m, new DateOnly(2024, 9, 4), AssetStatus.InUse),
            (sample.LocationId, sample.ResponsibleTeamId, sample.ResponsibleUserId, sample.Value, sample.PurchasedOn, sample.Status));
        Assert.Equal("热水器", (await db.Assets.AsNoTracking().SingleAsync(a => a.Code == "OLD-1", Ct)).Kind);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFailureMidImport_LeavesTheTableAsItWas(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        await desk.ImportAsync(AssetFiles.Csv(["OLD-1,热水器,E-D02,水电班,,2020-01-01,800,in-use"]));
        var crash = new FailOnSave(failingSave: 2);

        await using (var db = database.CreateContext(crash))
        {
            var handler = new ImportAssetsCommandHandler(db, desk.Clock);
            var command = new ImportAssetsCommand(StaffDesk.WaterDispatcher, AssetFiles.Csv(AssetFiles.GoodRows(ImportAssetsCommandHandler.BatchSize * 2 + 500)));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await handler.Handle(command, Ct));
        }

        await using var check = database.CreateContext();
        Assert.Equal(2, crash.Saves);
        var seeded = ReferenceDataSeed.CreateAssets(DateOnly.MaxValue).Select(a => a.Code);
        Assert.Equal(["OLD-1", .. seeded.Order(StringComparer.Ordinal)], await check.Assets.OrderBy(a => a.Code == "OLD-1" ? 0 : 1).ThenBy(a => a.Code).Select(a => a.Code).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task QuotedFields_WithCommasAndLineBreaks_KeepTheirLineNumbers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);

        var result = await desk.ImportAsync(AssetFiles.Csv(
        [
            "\"Q-1\",\"空调, 挂机\",E-D01,空调组,,2024-01-01,\"1,200.00\",在用",
            "Q-2,\"柜机\n（两行备注）\",E-D01,空调组,,,,",
            "Q-3,柜\"机,E-D01,空调组,,,,",
            "",
            "Q-4,空调,NOPE,空调组,,,,",
        ]));

        Assert.Equal(2, result.Imported);
        // Q-3 starts on line 5 (Q-2 spans lines 3–4); Q-4 on line 7 after a blank line.
        Assert.Equal([5, 7], result.Errors.Select(e => e.Line));
        await using var db = database.CreateContext();
        var q1 = await db.Assets.AsNoTracking().SingleAsync(a => a.Code == "Q-1", Ct);
        Assert.Equal(("空调, 挂机", 1200.00m), (q1.Kind, q1.Value));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task AWorker_CannotImport_AndAWrongHeaderIsRefusedWhole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);

        var forbidden = await Assert.ThrowsAsync<DomainException>(async () => await desk.ImportAsync(AssetFiles.Csv(AssetFiles.GoodRows(1)), StaffDesk.Wang));
        var header = await Assert.ThrowsAsync<DomainException>(async () =>
            await desk.ImportAsync(new MemoryStream("编号,类型\nA-1,空调\n"u8.ToArray())));

        Assert.Equal(("staff.forbidden", "asset.invalid"), (forbidden.Code, header.Code));
        await using var db = database.CreateContext();
        Assert.False(await db.Assets.AnyAsync(a => a.Code == "AC-00001" || a.Code == "A-1", Ct));
    }

    /// <summary>Throws on the n-th SaveChanges of its context, as a crash or a lost connection part-way would.</summary>
    private sealed class FailOnSave(int failingSave) : SaveChangesInterceptor
    {
        public int Saves { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ++Saves == failingSave ? throw new InvalidOperationException("injected failure") : ValueTask.FromResult(result);
    }
}
