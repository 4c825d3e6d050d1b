namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>Widths shared by several tables.</summary>
internal static class ColumnLengths
{
    /// <summary>OpenIds are 28 characters and WeCom UserIds at most 64; one width fits both.</summary>
    public const int UserId = 64;

    /// <summary>"R20250903-0042", with room for a widened sequence.</summary>
    public const int TicketNumber = 20;
}
