using System.Globalization;

namespace WechatLogistics.Handlers.Common;

/// <summary>
/// The campus's wall clock (China Standard Time, UTC+8, no daylight saving): instants are stored in UTC, and what
/// students read — ticket numbers' dates, times in chat — is campus-local.
/// </summary>
public static class CampusTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The campus-local date, e.g. for the ticket number R{yyyyMMdd}-….</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>"09-03 14:05": short enough for a chat line.</summary>
    public static string Short(DateTimeOffset instant) => Local(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
}
