using System.Globalization;

namespace WechatLogistics.WebhookBench;

/// <summary>
/// CPU time (user + system) of other processes, read from /proc: the Bot, Redis, a PostgreSQL cluster (the
/// postmaster and all its backends). On a shared, noisy machine CPU per message moves far less than wall time.
/// </summary>
internal sealed class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly List<(string Name, int Pid, bool WithChildren)> _watched = [];

    public IReadOnlyList<string> Names => [.. _watched.Select(w => w.Name), "driver"];

    /// <summary>"bot=123,redis=456" and "db=789" (the latter with its children).</summary>
    public static ProcessCpu Parse(string single, string trees)
    {
        var cpu = new ProcessCpu();
        foreach (var (spec, children) in new[] { (single, false), (trees, true) })
        {
            foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = item.Split('=');
                cpu._watched.Add((parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), children));
            }
        }

        return cpu;
    }

    /// <summary>Seconds of CPU so far, per name (the same order as <see cref="Names"/>).</summary>
    public double[] Sample()
    {
        var parents = _watched.Any(w => w.WithChildren) ? ParentsOfAll() : [];
        var result = new double[_watched.Count + 1];
        for (var i = 0; i < _watched.Count; i++)
        {
            var (_, pid, withChildren) = _watched[i];
            var seconds = Seconds(pid);
            if (withChildren)
            {
                seconds += parents.Where(p => p.Value == pid).Sum(p => Seconds(p.Key));
            }

            result[i] = seconds;
        }

        result[^1] = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return result;
    }

    private static double Seconds(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? 0 : (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    // The fields after "pid (comm)": [0] state, [1] ppid, … [11] utime, [12] stime.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // exited meanwhile
        }
    }

    private static Dictionary<int, int> ParentsOfAll()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && StatFields(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return parents;
    }
}
