using System.Globalization;
using System.Text;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Handlers.Assets;

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
}
