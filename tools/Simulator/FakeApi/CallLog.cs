namespace WechatLogistics.Simulator.FakeApi;

/// <summary>One call the fake API received and what it answered. Secrets in the query or body are masked.</summary>
public sealed record FakeApiCall(
    long Seq,
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    string? ToUser,
    string? MsgType,
    string? Content,
    string Body,
    int Status,
    int ErrCode,
    string ErrMsg);

/// <summary>Everything received, in order (<c>GET /_sim/log</c>).</summary>
public sealed class CallLog
{
    private readonly Lock _lock = new();
    private readonly List<FakeApiCall> _calls = [];
    private long _seq;

    public long NextSeq() => Interlocked.Increment(ref _seq);

    public void Add(FakeApiCall call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }

    public IReadOnlyList<FakeApiCall> Snapshot()
    {
        lock (_lock)
        {
            return [.. _calls];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }
}
