namespace WechatLogistics.Handlers.Conversations;

/// <summary>
/// The per-user conversation state kept between messages (in Redis when configured). Dialogs keep their
/// progress in <see cref="Dialog"/>, <see cref="Step"/> and <see cref="Slots"/>; everything is plain data so it
/// serializes with the source-generated JSON context.
/// </summary>
public sealed class ChatSession
{
    public required string Account { get; init; }

    public required string UserId { get; init; }

    /// <summary>The dialog in progress, or null when the user is at the top level.</summary>
    public string? Dialog { get; set; }

    public string? Step { get; set; }

    public Dictionary<string, string> Slots { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped on every save; a store refuses to overwrite a newer version (optimistic concurrency).</summary>
    public long Version { get; set; }

    public bool IsIdle => Dialog is null && Slots.Count == 0;

    public void Clear()
    {
        Dialog = null;
        Step = null;
        Slots.Clear();
    }
}
