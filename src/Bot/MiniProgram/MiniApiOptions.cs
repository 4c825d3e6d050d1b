using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Bot.MiniProgram;

/// <summary>The mini-program API, section <c>MiniApi</c> (login itself needs the <c>MiniProgram</c> AppId and secret).</summary>
public sealed class MiniApiOptions
{
    public const string Section = "MiniApi";

    [Range(1, 120, ErrorMessage = "MiniApi:AccessTokenMinutes must be between 1 and 120.")]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365, ErrorMessage = "MiniApi:RefreshTokenDays must be between 1 and 365.")]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Per signed-in student, over a fixed minute; past it 429 with Retry-After.</summary>
    [Range(1, 1_000_000, ErrorMessage = "MiniApi:RequestsPerMinute must be between 1 and 1000000.")]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Login and refresh calls per client address a minute (they are anonymous).</summary>
    [Range(1, 1_000_000, ErrorMessage = "MiniApi:LoginsPerMinute must be between 1 and 1000000.")]
    public int LoginsPerMinute { get; set; } = 60;

    /// <summary>Largest accepted photo, in bytes (5 MB).</summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "MiniApi:PhotoMaxBytes must be between 1 KB and 50 MB.")]
    public int PhotoMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Where <see cref="Photos.DiskPhotoStore"/> keeps uploads (relative to the working directory, like the SQLite file).</summary>
    [Required(ErrorMessage = "MiniApi:PhotoFolder is required.")]
    public string PhotoFolder { get; set; } = "data/photos";

    public const int MaxPhotosPerTicket = 3;
}
