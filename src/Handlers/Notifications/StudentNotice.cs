using System.Globalization;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>
/// Builds a notice to a student or volunteer: the text for customer service and the inbox, plus the subscribe
/// template's keywords (cut to WeChat's lengths: thing ≤ 20, phrase ≤ 5, character_string ≤ 32) for the fallback.
/// </summary>
internal static class StudentNotice
{
    /// <summary>Campus time (UTC+8) for what students read.</summary>
    private static readonly TimeSpan CampusOffset = TimeSpan.FromHours(8);

    public static OutboxItem Create(
        NotificationOptions options, string openId, string messageKey, string title, string text, string number, string status, DateTimeOffset at, string? note)
    {
        var hasTemplate = !string.IsNullOrWhiteSpace(options.SubscribeTemplateId);
        return OutboxItem.Notice(openId, messageKey, new OutboxContent
        {
            Title = title,
            Text = text,
            TemplateId = hasTemplate ? options.SubscribeTemplateId : null,
            TemplateData = hasTemplate
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [options.NumberField] = Cut(number, 32),
                    [options.StatusField] = Cut(status, 5),
                    [options.TimeField] = CampusTime(at),
                    [options.NoteField] = Cut(string.IsNullOrWhiteSpace(note) ? title : note, 20),
                }
                : null,
        });
    }

    public static string CampusTime(DateTimeOffset at) => at.ToOffset(CampusOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A place as an <see cref="OutboxContent.Summary"/> shows it: cut short, so a digest lists as many messages as it can.</summary>
    public static string SummaryPlace(string place) => Cut(place, 24);

    public static string Cut(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
