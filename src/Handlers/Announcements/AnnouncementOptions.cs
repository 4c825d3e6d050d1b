namespace WechatLogistics.Handlers.Announcements;

/// <summary>
/// Section <c>Announcements</c>: who "staff" are — WeCom UserIds and department ids joined by <c>|</c> (PROTOCOL §5.4).
/// Staff announcements are refused while both are empty.
/// </summary>
public sealed class AnnouncementOptions
{
    public const string Section = "Announcements";

    public string StaffToUser { get; set; } = "";

    public string StaffToParty { get; set; } = "";

    public bool HasStaff => !string.IsNullOrWhiteSpace(StaffToUser) || !string.IsNullOrWhiteSpace(StaffToParty);
}
