using System.Globalization;
using System.Text;
using WechatLogistics.Bot.Tests.StaffWork;
using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Assets;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.Tests.Assets;

/// <summary>Import files and the handlers over a <see cref="StaffDesk"/>'s database.</summary>
public static class AssetFiles
{
    public const string Header = "code,kind,location,team,person,purchase_date,value,status";

    private static readonly string[] Places = ["E-D01", "E-D01-F3", "W-TA", "S-LAB", "E-LIB"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Good rows <c>AC-00001</c>…: air conditioners in rotating places, 空调组 or a person responsible.</summary>
    public static List<string> GoodRows(int count, string prefix = "AC") =>
    [
        .. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{prefix}-{i:00000},空调,{Places[i % Places.Length]},{(i % 3 == 0 ? "" : "空调组")},{(i % 3 == 0 ? "wang" : "")},2024-09-{1 + (i % 28):00},{3000 + (i % 500)}.50,in-use")),
    ];

    public static Stream Csv(IEnumerable<string> rows) =>
        new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(Header)) + "\r\n"));

    public static async Task<ImportAssetsResult> ImportAsync(this StaffDesk desk, Stream csv, string who = StaffDesk.WaterDispatcher)
    {
        await using var db = desk.Database.CreateContext();
        return await new ImportAssetsCommandHandler(db, desk.Clock).Handle(new ImportAssetsCommand(who, csv), Ct);
    }

    /// <summary>A report naming an asset by code, one minute after the last.</summary>
    public static async Task<OpenRepairTicketResult> ReportAssetAsync(
        this StaffDesk desk, string assetCode, string category = "WATER-TAP", string student = "o-student-0001")
    {
        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        var command = new OpenRepairTicketCommand(
            student, ReferenceDataSeed.CategoryId(category), null, null, "又坏了", [], null, Guid.NewGuid().ToString("N"), assetCode);
        await using var db = desk.Database.CreateContext();
        return await new OpenRepairTicketCommandHandler(db, desk.Cache, desk.Clock).Handle(command, Ct);
    }

    public static async Task<T> AssetQueryAsync<T>(this StaffDesk desk, IQuery<T> query)
    {
        await using var db = desk.Database.CreateContext();
        var handler = new AssetQueriesHandler(db, desk.Cache, desk.Clock, Options.Create(new AssetOptions()));
        return query switch
        {
            GetAssetHistoryQuery history => (T)(object)await handler.Handle(history, Ct),
            ListRecurringFaultAssetsQuery flagged => (T)(object)await handler.Handle(flagged, Ct),
            GetAssetSheetQuery sheet => (T)(object)await handler.Handle(sheet, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
    }
}
