using System.Globalization;

namespace WechatLogistics.Simulator.Callback;

/// <summary>One line typed in <c>chat</c> or written after <c>&gt;</c> in a script.</summary>
public abstract record UserAction
{
    public const string Commands = "/sub, /unsub, /click <KEY>, /image [url], /location <lat> <lng> [label], /retry, /quit";

    /// <summary>
    /// Parses a line: plain text is a text message; <c>/…</c> is a command; <c>//…</c> sends text starting with "/".
    /// </summary>
    public static UserAction Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith('/') || line.StartsWith("//", StringComparison.Ordinal))
        {
            return new SendText(line.StartsWith("//", StringComparison.Ordinal) ? line[1..] : line);
        }

        var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rest = parts.Length > 1 ? parts[1] : "";
        return parts[0].ToLowerInvariant() switch
        {
            "/sub" => new SendEvent("subscribe", null),
            "/unsub" => new SendEvent("unsubscribe", null),
            "/click" when rest.Length > 0 => new SendEvent("CLICK", rest),
            "/click" => new InvalidAction("/click needs a menu key, e.g. /click MENU_HELP"),
            "/image" => new SendImage(rest.Length > 0 ? rest : "http://mmbiz.qpic.cn/sim/photo.jpg"),
            "/location" => ParseLocation(rest),
            "/retry" => new RetryLast(),
            "/quit" => new Quit(),
            _ => new InvalidAction($"unknown command {parts[0]}; commands: {Commands} (start with // to send text beginning with /)"),
        };
    }

    private static UserAction ParseLocation(string rest)
    {
        var parts = rest.Split(' ', 3, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            ? new SendLocation(latitude, longitude, parts.Length > 2 ? parts[2] : "")
            : new InvalidAction("/location needs <lat> <lng> [label], e.g. /location 23.13 113.36 东区3号楼");
    }
}

public sealed record SendText(string Text) : UserAction;

/// <summary>An event push: subscribe, unsubscribe, CLICK (OA event names are case-sensitive, PROTOCOL §2.3).</summary>
public sealed record SendEvent(string Event, string? Key) : UserAction;

public sealed record SendImage(string PicUrl) : UserAction;

public sealed record SendLocation(double Latitude, double Longitude, string Label) : UserAction;

/// <summary>Deliver the last push again, byte for byte, as WeChat does when it got no answer in time.</summary>
public sealed record RetryLast : UserAction;

public sealed record Quit : UserAction;

public sealed record InvalidAction(string Problem) : UserAction;
