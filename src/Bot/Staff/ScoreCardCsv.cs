using System.Text;
using WechatLogistics.Bot.Http;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.ScoreCards;

namespace WechatLogistics.Bot.Staff;

/// <summary>Score cards for Excel, written as <see cref="KpiCsv"/> writes the KPIs: one row per card, each indicator's figure and score.</summary>
public static class ScoreCardCsv
{
    public static byte[] Write(ScoreCardReport report)
    {
        var csv = new StringBuilder();
        var state = report.LockedAt is { } at ? $"已锁定 {Handlers.Common.CampusTime.Short(at)} {report.LockedBy}" : "未锁定（数据可能变化）";
        CsvText.Line(csv, [$"考核期 {report.From:yyyy-MM-dd} 至 {report.To.AddDays(-1):yyyy-MM-dd}", state]);
        CsvText.Line(csv, ["指标", "权重", "目标"]);
        foreach (var target in report.Indicators)
        {
            CsvText.Line(csv, [target.Indicator.Name(), KpiCsv.Number(target.Weight), KpiCsv.Number(target.Target)]);
        }

        csv.Append("\r\n");
        CsvText.Line(csv,
        [
            report.Scope == ScoreCardScope.Team ? "班组" : "人员", "综合得分",
            .. report.Indicators.SelectMany(t => new[] { t.Indicator.Name(), t.Indicator.Name() + "得分" }),
        ]);
        foreach (var card in report.Cards)
        {
            var byIndicator = card.Indicators.ToDictionary(i => i.Indicator);
            CsvText.Line(csv,
            [
                card.Name, KpiCsv.Number(card.Score),
                .. report.Indicators.SelectMany(t => new[] { KpiCsv.Number(byIndicator[t.Indicator].Actual), KpiCsv.Number(byIndicator[t.Indicator].Score) }),
            ]);
        }

        return CsvText.Bytes(csv);
    }
}
