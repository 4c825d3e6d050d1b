namespace WechatLogistics.Simulator.Cli;

/// <summary>Bad command-line arguments: print the message and the usage, exit with 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A small <c>--name value</c> / <c>--flag</c> parser. Every option a command accepts is declared, so a typo is an
/// error rather than silently ignored.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments(IReadOnlyList<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        var positionals = new List<string>();
        var parsed = new CliArguments(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            var (name, inlineValue) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (flagOptions.Contains(name) && inlineValue is null)
            {
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value"));
                parsed._values[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option {name}");
            }
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Value(string name, string fallback) => _values.GetValueOrDefault(name) ?? fallback;

    public int Int(string name, int fallback, int min, int max) =>
        Value(name) is not { } text ? fallback
        : int.TryParse(text, out var value) && value >= min && value <= max ? value
        : throw new UsageException($"{name} must be a whole number from {min} to {max}");

    public double Double(string name, double fallback, double min, double max) =>
        Value(name) is not { } text ? fallback
        : double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
        : throw new UsageException($"{name} must be a number from {min} to {max}");
}
