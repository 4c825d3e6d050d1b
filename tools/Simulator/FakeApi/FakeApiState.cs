namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Everything the fake API remembers between calls. One per host; thread-safe.</summary>
public sealed class FakeApiState(FakeApiOptions options, TimeProvider time)
{
    private long _msgId = 2_000_000_000;

    public FakeApiOptions Options => options;

    public TimeProvider Time => time;

    public TokenRegistry Tokens { get; } = new(time);

    public ServiceWindow Window { get; } = new(time);

    public ConsentLedger Consents { get; } = new();

    public LoginCodes Codes { get; } = new(time);

    public RobotRateLimiter Robots { get; } = new(time, options.RobotWindow);

    public FailureInjector Failures { get; } = new(options.FailCodes, options.FailRate, options.Seed);

    public CallLog Log { get; } = new();

    public long NextMsgId() => Interlocked.Increment(ref _msgId);
}
