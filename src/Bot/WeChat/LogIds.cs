namespace WechatLogistics.Bot.WeChat;

/// <summary>Identifiers shortened for logs: enough to correlate, not enough to identify a student.</summary>
public static class LogIds
{
    public static string ShortUser(string userId) =>
        userId.Length <= 6 ? new string('*', userId.Length) : string.Concat(userId.AsSpan(0, 4), "…", userId.AsSpan(userId.Length - 2));
}
