namespace WechatLogistics.Bot.MiniProgram.Photos;

/// <summary>
/// Where uploaded ticket photos live. The store makes the key (a file name never becomes a path); a cloud object
/// store can replace <see cref="DiskPhotoStore"/> behind this interface.
/// </summary>
public interface IPhotoStore
{
    /// <summary>Stores the bytes; returns the new key (at most <see cref="Domain.RepairTickets.TicketPhoto.MaxStoreKeyLength"/> characters).</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, PhotoFormat format, CancellationToken ct);

    /// <summary>The photo, or null when the key is unknown or malformed.</summary>
    Task<StoredPhoto?> OpenAsync(string key, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);
}

public sealed record StoredPhoto(Stream Content, string ContentType);
