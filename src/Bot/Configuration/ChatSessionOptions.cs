using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Bot.Configuration;

/// <summary>Conversation sessions, section <c>Sessions</c>.</summary>
public sealed class ChatSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A dialog untouched for this long is forgotten.</summary>
    [Range(0.01, 24 * 60, ErrorMessage = "Sessions:IdleMinutes must be between 0.01 and 1440.")]
    public double IdleMinutes { get; set; } = 30;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleMinutes);
}
