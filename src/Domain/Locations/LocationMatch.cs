namespace WechatLogistics.Domain.Locations;

/// <summary>
/// What <see cref="LocationMatcher"/> made of a student's text: the best-matching building(s), and what
/// followed the building name (usually the room, "302").
/// </summary>
/// <param name="Candidates">Empty: no building recognised. One: a match. Several: ask the student to pick.</param>
/// <param name="RoomText">The text after the building up to the next punctuation or space, or null.</param>
public sealed record LocationMatch(IReadOnlyList<Location> Candidates, string? RoomText)
{
    public static LocationMatch None { get; } = new([], null);

    public bool IsUnique => Candidates.Count == 1;

    public bool IsAmbiguous => Candidates.Count > 1;

    /// <summary>The building when the match is unique.</summary>
    public Location? Building => IsUnique ? Candidates[0] : null;
}
