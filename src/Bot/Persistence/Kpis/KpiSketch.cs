using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>
/// A mergeable histogram of durations (DDSketch-style): a value v &gt; 0 falls in the log-scale bucket
/// i = ⌈log_γ v⌉, which covers (γ^(i−1), γ^i] and is read back as 2γ^i/(γ+1). Any value read back is within
/// <see cref="RelativeError"/> = (γ−1)/(γ+1) ≈ 0.99 % of a value that was added, so a quantile is within that bound
/// of the exact one; merging two sketches adds their bucket counts, exactly as if every value had gone into one.
/// Values under <see cref="MinValue"/> (1 ms) count as 0. Stored as a sparse bucket → count map (see <see cref="ToBytes"/>).
/// </summary>
public sealed class KpiSketch
{
    public const double Gamma = 1.02;

    public const double RelativeError = (Gamma - 1) / (Gamma + 1);

    public const double MinValue = 0.001;

    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly Dictionary<int, long> _buckets = [];

    private long _zeros;

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (double.IsNaN(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Durations are zero or positive.");
        }

        if (value < MinValue)
        {
            _zeros++;
        }
        else
        {
            var index = (int)Math.Ceiling(Math.Log(value) / LogGamma);
            _buckets[index] = _buckets.GetValueOrDefault(index) + 1;
        }

        Count++;
    }

    public void Merge(KpiSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (index, count) in other._buckets)
        {
            _buckets[index] = _buckets.GetValueOrDefault(index) + count;
        }

        _zeros += other._zeros;
        Count += other.Count;
    }

    /// <summary>Median and p90 as percentile_cont reads them (linear between the two closest ranks), or null when empty.</summary>
    public Percentiles? MedianAndP90()
    {
        if (Count == 0)
        {
            return null;
        }

        var sorted = _buckets.OrderBy(b => b.Key).ToList();
        return new Percentiles(Quantile(sorted, 0.5), Quantile(sorted, 0.9));
    }

    /// <summary>The value at position p·(n−1) of the sorted values, each rank read from its bucket.</summary>
    public double Quantile(double p)
    {
        if (Count == 0 || p is < 0 or > 1)
        {
            throw new InvalidOperationException("A quantile needs 0 ≤ p ≤ 1 and at least one value.");
        }

        return Quantile([.. _buckets.OrderBy(b => b.Key)], p);
    }

    private double Quantile(List<KeyValuePair<int, long>> sorted, double p)
    {
        var position = p * (Count - 1);
        var below = (long)position;
        var low = ValueAtRank(sorted, below);
        var high = below + 1 < Count ? ValueAtRank(sorted, below + 1) : low;
        return low + ((position - below) * (high - low));
    }

    private double ValueAtRank(List<KeyValuePair<int, long>> sorted, long rank)
    {
        if (rank < _zeros)
        {
            return 0;
        }

        var seen = _zeros;
        foreach (var (index, count) in sorted)
        {
            seen += count;
            if (rank < seen)
            {
                return 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }

        throw new InvalidOperationException("Rank beyond the sketch's count.");
    }

    /// <summary>
    /// Compact form: the zero count, then per bucket in ascending order the index as a zig-zag delta from the previous
    /// one and the count, all as 7-bit varints (a semester day of one group: a few hundred bytes).
    /// </summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write7BitEncodedInt64(_zeros);
        var previous = 0;
        foreach (var (index, count) in _buckets.OrderBy(b => b.Key))
        {
            var delta = index - previous;
            writer.Write7BitEncodedInt((delta << 1) ^ (delta >> 31));
            writer.Write7BitEncodedInt64(count);
            previous = index;
        }

        writer.Flush();
        return stream.ToArray();
    }

    public static KpiSketch FromBytes(byte[] bytes)
    {
        var sketch = new KpiSketch();
        sketch.MergeBytes(bytes);
        return sketch;
    }

    /// <summary><see cref="Merge"/> of a stored sketch, decoded straight into this one (the KPI read merges thousands).</summary>
    public void MergeBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var position = 0;
        var zeros = ReadVarint(bytes, ref position);
        _zeros += zeros;
        Count += zeros;
        var previous = 0;
        while (position < bytes.Length)
        {
            var zigzag = (uint)ReadVarint(bytes, ref position);
            var index = previous + ((int)(zigzag >> 1) ^ -(int)(zigzag & 1));
            var count = ReadVarint(bytes, ref position);
            _buckets[index] = _buckets.GetValueOrDefault(index) + count;
            Count += count;
            previous = index;
        }
    }

    // The 7-bit little-endian varint BinaryWriter.Write7BitEncodedInt/Int64 write.
    private static long ReadVarint(byte[] bytes, ref int position)
    {
        long value = 0;
        var shift = 0;
        byte current;
        do
        {
            current = bytes[position++];
            value |= (long)(current & 0x7F) << shift;
            shift += 7;
        }
        while ((current & 0x80) != 0);

        return value;
    }
}
