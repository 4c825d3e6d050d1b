namespace WechatLogistics.Domain.Students;

/// <summary>
/// One OpenId of a student and, when WeChat told us, the UnionId behind it. OpenIds are per app (the Official Account's
/// and the mini-program's differ for the same person); a UnionId is shared by all apps of one open-platform account,
/// so every OpenId with the same UnionId is the same person (docs/decisions/mini-program-api.md).
/// </summary>
public sealed class StudentIdentity
{
    public const int MaxUnionIdLength = 64;

    public StudentIdentity(string openId, StudentChannel channel, string? unionId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        OpenId = openId;
        Channel = channel;
        UnionId = Normalize(unionId);
        UpdatedAt = now;
    }

    // For EF Core materialization.
    private StudentIdentity()
    {
        OpenId = null!;
    }

    public string OpenId { get; private set; }

    public StudentChannel Channel { get; private set; }

    /// <summary>Null when the app is not bound to an open-platform account (or WeChat did not say).</summary>
    public string? UnionId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Records the UnionId WeChat gave last; a missing one never erases a known link.</summary>
    public bool Link(string? unionId, DateTimeOffset now)
    {
        var value = Normalize(unionId);
        if (value is null || value == UnionId)
        {
            return false;
        }

        UnionId = value;
        UpdatedAt = now;
        return true;
    }

    private static string? Normalize(string? unionId) =>
        string.IsNullOrWhiteSpace(unionId) || unionId.Length > MaxUnionIdLength ? null : unionId;
}
