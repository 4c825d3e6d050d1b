using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.MiniProgram.Photos;

/// <summary>
/// Photos as files under <see cref="MiniApiOptions.PhotoFolder"/>: <c>yyyyMM/{guid}.{ext}</c>. Keys are made here and
/// checked against that exact shape before any file access, so no key can reach outside the folder.
/// </summary>
public sealed partial class DiskPhotoStore(IOptions<MiniApiOptions> options, TimeProvider time) : IPhotoStore
{
    private string Root => Path.GetFullPath(options.Value.PhotoFolder);

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, PhotoFormat format, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var key = $"{now:yyyyMM}/{Guid.CreateVersion7(now):N}.{PhotoFormats.Extension(format)}";
        var path = PathOf(key)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // CreateNew: a key is never overwritten.
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await file.WriteAsync(content, ct);
        return key;
    }

    public Task<StoredPhoto?> OpenAsync(string key, CancellationToken ct)
    {
        if (PathOf(key) is not { } path || !File.Exists(path) || PhotoFormats.FromExtension(key[(key.LastIndexOf('.') + 1)..]) is not { } format)
        {
            return Task.FromResult<StoredPhoto?>(null);
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        return Task.FromResult<StoredPhoto?>(new StoredPhoto(stream, PhotoFormats.ContentType(format)));
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        if (PathOf(key) is { } path)
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private string? PathOf(string key) => KeyShape().IsMatch(key) ? Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)) : null;

    [GeneratedRegex("^[0-9]{6}/[0-9a-f]{32}\\.(jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}
