using System.Globalization;
using System.Net;
using System.Text;
using WechatLogistics.Bot.Http;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// The hours ledger as files: a coordinator's term sheet and a student's own ledger (CSV, as <see cref="KpiCsv"/> writes
/// them), and the student's printable certificate (志愿时长证明: plain HTML, every value encoded, no script).
/// </summary>
public static class VolunteerHoursExports
{
    public static byte[] TermCsv(TermHoursReport report)
    {
        var csv = new StringBuilder();
        CsvText.Line(csv, [$"{report.Name} {report.From:yyyy-MM-dd} 至 {report.To.AddDays(-1):yyyy-MM-dd}"]);
        CsvText.Line(csv, ["志愿者OpenId", "志愿时长(小时)", "其中人工登记(小时)", "完成岗位数"]);
        foreach (var v in report.Volunteers)
        {
            CsvText.Line(csv, [v.VolunteerOpenId, KpiCsv.Number(v.Hours), KpiCsv.Number(v.ManualHours), KpiCsv.Number(v.Shifts)]);
        }

        return CsvText.Bytes(csv);
    }

    public static byte[] MineCsv(MyHours hours)
    {
        var csv = new StringBuilder();
        CsvText.Line(csv, ["学期", "志愿时长(小时)"]);
        foreach (var term in hours.Terms)
        {
            CsvText.Line(csv, [term.Name, KpiCsv.Number(term.Hours)]);
        }

        CsvText.Line(csv, ["合计", KpiCsv.Number(hours.Total)]);
        csv.Append("\r\n");
        CsvText.Line(csv, ["日期", "学期", "时长(小时)", "岗位", "说明"]);
        foreach (var line in hours.Entries)
        {
            CsvText.Line(csv, [Day(line.EarnedAt), line.Term, KpiCsv.Number(line.Hours), line.Shift ?? "人工登记", line.Reason ?? ""]);
        }

        return CsvText.Bytes(csv);
    }

    /// <param name="issuedAt">Printed on the certificate.</param>
    public static string Certificate(MyHours hours, DateTimeOffset issuedAt)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>志愿服务时长证明</title>
            <style>body{font-family:sans-serif;max-width:42em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}@media print{button{display:none}}</style>
            </head><body>
            <h1>志愿服务时长证明</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>志愿者（微信用户 {E(hours.VolunteerOpenId)}）在校后勤志愿服务中累计服务 <strong>{E(KpiCsv.Number(hours.Total))}</strong> 小时，明细如下：</p>\n");
        html.Append("<table><thead><tr><th>学期</th><th>时长(小时)</th></tr></thead><tbody>\n");
        foreach (var term in hours.Terms)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(term.Name)}</td><td>{E(KpiCsv.Number(term.Hours))}</td></tr>\n");
        }

        html.Append("</tbody></table>\n<h2>服务记录</h2>\n<table><thead><tr><th>日期</th><th>岗位 / 说明</th><th>时长(小时)</th></tr></thead><tbody>\n");
        foreach (var line in hours.Entries)
        {
            var what = line.Shift ?? "人工登记：" + line.Reason;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(Day(line.EarnedAt))}</td><td>{E(what)}</td><td>{E(KpiCsv.Number(line.Hours))}</td></tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</tbody></table>\n<p>出具日期：{E(Day(issuedAt))}　高校后勤志愿服务系统</p>\n</body></html>\n");
        return html.ToString();
    }

    private static string Day(DateTimeOffset instant) => CampusTime.DateOf(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
