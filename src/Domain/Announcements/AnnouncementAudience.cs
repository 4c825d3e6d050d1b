namespace WechatLogistics.Domain.Announcements;

/// <summary>Who an announcement goes to. Persisted by name: never rename.</summary>
public enum AnnouncementAudience
{
    /// <summary>Every user known to the bot (followers and anyone who wrote to it).</summary>
    Everyone = 1,

    /// <summary>The residents of one building: students who reported a repair there or bound a dorm in it.</summary>
    Building = 2,

    /// <summary>Everyone who ever signed up for a volunteer shift.</summary>
    Volunteers = 3,

    /// <summary>Office and maintenance staff, by WeCom app message to the configured members and departments.</summary>
    Staff = 4,
}
