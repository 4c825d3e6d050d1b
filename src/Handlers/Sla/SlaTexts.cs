using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Sla;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Handlers.Sla;

/// <summary>The WeCom texts of the SLA monitor: short, with number, place, category and how late.</summary>
public static class SlaTexts
{
    public static string Warning(SlaClockView clock, string place, string category, DateTimeOffset now) =>
        $"""
        【即将超时】报修单 {clock.Number}
        地点：{place}
        类别：{category}
        {ClockName(clock.Clock)}时限 {CampusTime.Short(clock.DueAt)}，还剩{Span(clock.DueAt - now)}。{(clock.Clock == SlaClockKind.Response ? "请尽快接单。" : "请尽快完成维修。")}
        """;

    public static string Breach(SlaClockView clock, string place, string category, DateTimeOffset now) =>
        $"""
        【已超时】报修单 {clock.Number}
        地点：{place}
        类别：{category}
        已超过{ClockName(clock.Clock)}时限{Span(now - clock.DueAt)}（{CampusTime.Short(clock.DueAt)}），处理人：{clock.AssigneeId ?? "未派单"}。请督办。
        """;

    /// <summary>
    /// One line for a digest, when alerts queue behind the member's 30 messages a minute (after a storm of reports):
    /// "【即将超时】R… 东区1号楼 · 水 / 水管漏水 · 响应还剩12分钟".
    /// </summary>
    public static string Summary(SlaClockView clock, SlaStage stage, string place, string category, DateTimeOffset now) =>
        stage == SlaStage.Warning
            ? $"【即将超时】{clock.Number} {StudentNotice.SummaryPlace(place)} · {category} · {ClockName(clock.Clock)}还剩{Span(clock.DueAt - now)}"
            : $"【已超时】{clock.Number} {StudentNotice.SummaryPlace(place)} · {category} · 超{ClockName(clock.Clock)}时限{Span(now - clock.DueAt)}";

    public static string ClockName(SlaClockKind clock) => clock == SlaClockKind.Response ? "响应" : "完成";

    /// <summary>"2天3小时", "1小时36分", "12分钟", "不到1分钟".</summary>
    public static string Span(TimeSpan span)
    {
        var minutes = (long)Math.Max(0, span.TotalMinutes);
        return minutes switch
        {
            < 1 => "不到1分钟",
            < 60 => $"{minutes}分钟",
            < 24 * 60 => minutes % 60 == 0 ? $"{minutes / 60}小时" : $"{minutes / 60}小时{minutes % 60}分",
            _ => (minutes / 60) % 24 == 0 ? $"{minutes / (24 * 60)}天" : $"{minutes / (24 * 60)}天{(minutes / 60) % 24}小时",
        };
    }
}
