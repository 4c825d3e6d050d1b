using System.Globalization;
using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>How shifts read in chat: campus-local times ("11月29日 周六 09:00-11:00"), places left, statuses, hours.</summary>
public static class ShiftTexts
{
    // China Standard Time, no daylight saving: the campus clock (stored instants are UTC).
    private static readonly TimeSpan CampusOffset = TimeSpan.FromHours(8);

    private static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static DateTimeOffset CampusTime(DateTimeOffset instant) => instant.ToOffset(CampusOffset);

    /// <summary>"11月29日 周六 09:00-11:00"; a shift past midnight names its end day too.</summary>
    public static string When(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var start = CampusTime(startsAt);
        var end = CampusTime(endsAt);
        var endText = end.Date == start.Date ? Clock(end) : Day(end) + " " + Clock(end);
        return $"{Day(start)} {Weekdays[(int)start.DayOfWeek]} {Clock(start)}-{endText}";
    }

    public static string Clock(DateTimeOffset instant) => CampusTime(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"剩余2个名额", or "已满，可候补（前面3人）" when full.</summary>
    public static string Places(int remainingPlaces, int waitlistLength) =>
        remainingPlaces > 0 ? $"剩余{remainingPlaces}个名额"
        : waitlistLength > 0 ? $"已满，可候补（前面{waitlistLength}人）"
        : "已满，可候补";

    /// <summary>"2.5", "2", "0.75": hours without trailing zeros.</summary>
    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"已报名", "候补中（第2位）", "已完成，2.5小时" …</summary>
    public static string Status(SignupStatus status, int? waitlistPosition, decimal? hours) => status switch
    {
        SignupStatus.Waitlisted when waitlistPosition is { } position => $"{status.Name()}（第{position}位）",
        SignupStatus.Completed when hours is { } credited => $"{status.Name()}，{Hours(credited)}小时",
        _ => status.Name(),
    };

    private static string Day(DateTimeOffset local) => $"{local.Month}月{local.Day}日";
}
