using Microsoft.EntityFrameworkCore;

namespace WechatLogistics.Handlers.Common;

/// <summary>Saves that lost a race and are worth redoing from a fresh read.</summary>
public static class StorageConflict
{
    /// <summary>
    /// A unique or concurrency-token clash (<see cref="DbUpdateException"/>), also when the provider's execution strategy
    /// reports a transient one (a PostgreSQL deadlock, say) wrapped in an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static bool Is(Exception exception) =>
        exception is DbUpdateException || exception is InvalidOperationException { InnerException: DbUpdateException };
}
