using System.Globalization;
using System.Text;
using WechatLogistics.Bot.Http;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// The KPI report as CSV for Excel (<see cref="CsvText"/>: BOM, CRLF, quoting, no formulas).
/// </summary>
public static class KpiCsv
{
    private static readonly string[] Header =
    [
        "分组", "名称", "新建工单", "关闭工单", "首次响应中位数(分钟)", "首次响应P90(分钟)", "完成时长中位数(分钟)", "完成时长P90(分钟)",
        "响应达标率(%)", "完成达标率(%)", "返修率(%)", "满意度均分", "评价数",
    ];

    public static byte[] Write(KpiReport report)
    {
        var csv = new StringBuilder();
        CsvText.Line(csv, [$"统计区间 {report.From:yyyy-MM-dd} 至 {report.To.AddDays(-1):yyyy-MM-dd}"]);
        CsvText.Line(csv, Header);
        var dimension = report.By.ToString().ToLowerInvariant();
        foreach (var g in report.Groups)
        {
            CsvText.Line(csv,
            [
                dimension, g.Name, Number(g.Opened), Number(g.Closed), Number(g.FirstResponseMinutes?.Median), Number(g.FirstResponseMinutes?.P90),
                Number(g.ResolutionMinutes?.Median), Number(g.ResolutionMinutes?.P90), Number(g.ResponseCompliance), Number(g.ResolutionCompliance),
                Number(g.ReworkRate), Number(g.SatisfactionAverage), Number(g.SatisfactionCount),
            ]);
        }

        csv.Append("\r\n");
        CsvText.Line(csv, ["评价对象", "地点", "评价数", "平均星级"]);
        foreach (var f in report.Feedback)
        {
            CsvText.Line(csv, [f.SubjectName, f.Place ?? "全部", Number(f.Count), Number(f.AverageStars)]);
        }

        return CsvText.Bytes(csv);
    }

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
