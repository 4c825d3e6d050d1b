namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// Makes business calls fail on purpose: first the <c>--fail</c> codes, one call each in order, then errcode -1 at
/// the <c>--fail-rate</c>. Token calls are never failed, so a client can always refresh and retry.
/// </summary>
public sealed class FailureInjector(IEnumerable<Fault> codes, double rate, int? seed)
{
    private readonly Lock _lock = new();
    private readonly Queue<Fault> _codes = new(codes);
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();

    /// <summary>Queues more failures (also <c>POST /_sim/fail?codes=</c>).</summary>
    public void Enqueue(IEnumerable<Fault> codes)
    {
        lock (_lock)
        {
            foreach (var code in codes)
            {
                _codes.Enqueue(code);
            }
        }
    }

    /// <summary>How the next call must fail, or null to let it through.</summary>
    public Fault? Next()
    {
        lock (_lock)
        {
            if (_codes.TryDequeue(out var code))
            {
                return code;
            }

            return rate > 0 && _random.NextDouble() < rate ? -1 : null;
        }
    }
}
