using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.MiniProgram.Photos;

/// <summary>One checked photo, in memory until every photo of the request has passed.</summary>
public sealed record PhotoUpload(ReadOnlyMemory<byte> Content, PhotoFormat Format)
{
    public const string Field = "photos";

    /// <summary>
    /// Checks all files before anything is stored: at most <see cref="MiniApiOptions.MaxPhotosPerTicket"/>, each at most
    /// <paramref name="maxBytes"/>, a JPEG/PNG/WebP by its bytes, and a plain file name (no folders, no "..").
    /// </summary>
    /// <exception cref="ValidationException">Any file fails; the message says which rule, in Chinese.</exception>
    public static async Task<IReadOnlyList<PhotoUpload>> ReadAllAsync(IFormFileCollection files, int maxBytes, CancellationToken ct)
    {
        if (files.Count > MiniApiOptions.MaxPhotosPerTicket)
        {
            throw Invalid($"最多上传{MiniApiOptions.MaxPhotosPerTicket}张照片。");
        }

        var photos = new List<PhotoUpload>(files.Count);
        foreach (var file in files)
        {
            if (!IsPlainFileName(file.FileName))
            {
                throw Invalid("照片文件名不合法，请重新选择照片。");
            }

            if (file.Length > maxBytes)
            {
                throw Invalid($"每张照片不能超过{maxBytes / (1024 * 1024.0):0.#}MB。");
            }

            if (file.Length == 0)
            {
                throw Invalid("照片是空的，请重新选择。");
            }

            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, ct);
            }

            var format = PhotoFormats.Sniff(content) ?? throw Invalid("只能上传 JPG、PNG 或 WebP 格式的照片。");
            photos.Add(new PhotoUpload(content, format));
        }

        return photos;
    }

    /// <summary>The name is never used as a path; one that tries to be a path is refused all the same.</summary>
    private static bool IsPlainFileName(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= 255
        && name.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Any(char.IsControl);

    private static ValidationException Invalid(string message) => new([new ValidationError(Field, message)]);
}
