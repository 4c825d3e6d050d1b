using System.Globalization;
using System.Text;
using WechatLogistics.Domain.ScoreCards;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>The WeCom message a team lead gets with their team's card at period end.</summary>
internal static class ScoreCardTexts
{
    public static string LeadCard(ScoreCardReport report, ScoreCard card)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"【考核结果】{card.Name} {report.From:yyyy-MM-dd} 至 {report.To.AddDays(-1):yyyy-MM-dd}\n")
            .Append(CultureInfo.InvariantCulture, $"综合得分：{Number(card.Score)}\n");
        foreach (var i in card.Indicators)
        {
            text.Append(CultureInfo.InvariantCulture, $"· {i.Indicator.Name()}：{Number(i.Actual)}（目标{Number(i.Target)}，权重{Number(i.Weight)}，得分{Number(i.Score)}）\n");
        }

        return text.Append("考核期已锁定，明细可在后勤管理后台导出。").ToString();
    }

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";
}
