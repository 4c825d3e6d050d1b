using WechatLogistics.Bot.Persistence.Kpis;

namespace WechatLogistics.Bot.Tests.Sla;

/// <summary>The rollups' duration histogram: quantiles within its documented error, merging, and its stored form.</summary>
public sealed class KpiSketchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Quantiles_OfSkewedDurations_AreWithinTheRelativeErrorOfPercentileCont(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 5_000).Select(_ => Math.Round(60 * Math.Exp(random.NextDouble() * 6), 3)).ToList();
        var sketch = Sketch(values);

        var (median, p90) = sketch.MedianAndP90()!;

        AssertWithinBound(Exact(values, 0.5), median);
        AssertWithinBound(Exact(values, 0.9), p90);
        foreach (var p in new[] { 0.0, 0.01, 0.25, 0.75, 0.99, 1.0 })
        {
            AssertWithinBound(Exact(values, p), sketch.Quantile(p));
        }
    }

    [Fact]
    public void Merge_OfTwoSketches_IsTheSketchOfAllTheirValues()
    {
        var random = new Random(7);
        var left = Enumerable.Range(0, 700).Select(_ => random.NextDouble() * 36_000).ToList();
        var right = Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 600).Append(0).ToList();
        var merged = Sketch(left);

        merged.Merge(Sketch(right));

        var whole = Sketch([.. left, .. right]);
        Assert.Equal(1_001, merged.Count);
        Assert.Equal(whole.ToBytes(), merged.ToBytes());
        Assert.Equal(whole.MedianAndP90(), merged.MedianAndP90());
    }

    [Fact]
    public void StoredForm_RoundTripsTheBucketsAndCount()
    {
        var sketch = Sketch([0, 0.0005, 0.5, 1, 59.9, 60, 3_600, 86_400 * 30]);

        var read = KpiSketch.FromBytes(sketch.ToBytes());

        Assert.Equal(8, read.Count);
        Assert.Equal(sketch.MedianAndP90(), read.MedianAndP90());
        Assert.Equal(sketch.ToBytes(), read.ToBytes());
    }

    [Fact]
    public void Empty_HasNoPercentiles_AndStoresAsOneByte()
    {
        var sketch = new KpiSketch();

        Assert.Null(sketch.MedianAndP90());
        Assert.Equal([0], sketch.ToBytes());
        Assert.Equal(0, KpiSketch.FromBytes([0]).Count);
        Assert.Throws<InvalidOperationException>(() => sketch.Quantile(0.5));
    }

    [Theory]
    [InlineData(1_800)]
    [InlineData(0.25)]
    [InlineData(1_234_567)]
    public void SingleValue_IsTheMedianAndP90_WithinTheBound(double value)
    {
        var (median, p90) = Sketch([value]).MedianAndP90()!;

        AssertWithinBound(value, median);
        Assert.Equal(median, p90);
    }

    [Fact]
    public void ZeroAndSubMillisecond_ReadBackAsZero()
    {
        Assert.Equal(new Handlers.Kpis.Percentiles(0, 0), Sketch([0, 0.0009]).MedianAndP90());
    }

    [Fact]
    public void NegativeDuration_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KpiSketch().Add(-1));
    }

    [Fact]
    public void RelativeError_IsUnderOnePercent()
    {
        Assert.InRange(KpiSketch.RelativeError, 0.0098, 0.0100);
    }

    private static KpiSketch Sketch(IEnumerable<double> values)
    {
        var sketch = new KpiSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch;
    }

    private static double Exact(List<double> values, double p)
    {
        var sorted = values.Order().Select((v, i) => (i, v)).ToDictionary(x => (long)x.i, x => x.v);
        return KpiReader.Interpolate(sorted, sorted.Count, p);
    }

    private static void AssertWithinBound(double exact, double estimate) =>
        Assert.InRange(estimate, (exact * (1 - KpiSketch.RelativeError)) - 1e-9, (exact * (1 + KpiSketch.RelativeError)) + 1e-9);
}
