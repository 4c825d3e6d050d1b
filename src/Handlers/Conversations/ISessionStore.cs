namespace WechatLogistics.Handlers.Conversations;

/// <summary>Conversation state per (account, user), expiring after an idle period.</summary>
public interface ISessionStore
{
    ValueTask<ChatSession?> LoadAsync(string account, string userId, CancellationToken ct);

    /// <summary>
    /// Saves the session and refreshes its idle expiry. Returns false (and saves nothing) when another writer saved a
    /// newer version since <paramref name="session"/> was loaded. On success the session's version is incremented.
    /// </summary>
    ValueTask<bool> SaveAsync(ChatSession session, CancellationToken ct);

    ValueTask DeleteAsync(string account, string userId, CancellationToken ct);
}
