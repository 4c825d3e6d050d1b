namespace WechatLogistics.Domain.Audience;

/// <summary>
/// A user the Official Account knows: anyone who followed or wrote to it. "Everyone" announcements go to those still
/// following. Written off the webhook's hot path (a batched insert-or-ignore), never once per message.
/// </summary>
public sealed class Follower
{
    public Follower(string openId, DateTimeOffset firstSeenAt, bool isFollowing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        OpenId = openId;
        FirstSeenAt = firstSeenAt;
        IsFollowing = isFollowing;
    }

    // For EF Core materialization.
    private Follower()
    {
        OpenId = null!;
    }

    public string OpenId { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    /// <summary>False after an unsubscribe event, until the user follows again.</summary>
    public bool IsFollowing { get; private set; }

    public DateTimeOffset? UnfollowedAt { get; private set; }
}
