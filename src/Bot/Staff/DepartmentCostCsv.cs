using System.Globalization;
using System.Text;
using WechatLogistics.Bot.Http;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.Staff;

/// <summary>The department cost report for Excel: one row per department and a total, amounts in yuan with two decimals.</summary>
public static class DepartmentCostCsv
{
    private static readonly string[] Header =
    [
        "部门代码", "部门", "申报数", "申报金额(元)", "批准数", "批准金额(元)", "驳回数", "驳回金额(元)", "审批中数", "审批中金额(元)", "撤回数",
    ];

    public static byte[] Write(DepartmentCostReport report)
    {
        var csv = new StringBuilder();
        CsvText.Line(csv, [$"统计区间 {report.From:yyyy-MM-dd} 至 {report.To.AddDays(-1):yyyy-MM-dd}（按申报日期）"]);
        CsvText.Line(csv, Header);
        foreach (var row in report.Departments.Append(report.Total))
        {
            CsvText.Line(csv,
            [
                row.Code, row.Name, Count(row.RequestedCount), Yuan(row.RequestedTotal), Count(row.ApprovedCount), Yuan(row.ApprovedTotal),
                Count(row.RejectedCount), Yuan(row.RejectedTotal), Count(row.PendingCount), Yuan(row.PendingTotal), Count(row.WithdrawnCount),
            ]);
        }

        return CsvText.Bytes(csv);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Yuan(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
