namespace WechatLogistics.Simulator.FakeApi;

/// <summary>The <c>serve-api</c> options.</summary>
public sealed record FakeApiOptions
{
    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = SimulatorDefaults.ApiPort;

    /// <summary>Failures of the next business calls, one each, in order (<c>--fail 40001,45009,http503,hang</c>).</summary>
    public IReadOnlyList<Fault> FailCodes { get; init; } = [];

    /// <summary>Probability (0..1) that a business call fails with errcode -1 "system error".</summary>
    public double FailRate { get; init; }

    /// <summary>Seed for <see cref="FailRate"/>, for repeatable runs; null = random.</summary>
    public int? Seed { get; init; }

    /// <summary>Delay before every answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>custom/send only to users who sent a message within 48 h, 5 messages each (PROTOCOL §4.4).</summary>
    public bool StrictWindow { get; init; }

    /// <summary>subscribe/send needs one consent credit per send (PROTOCOL §4.6).</summary>
    public bool StrictConsent { get; init; }

    /// <summary>The robots' rate window (PROTOCOL §5.5: 20 messages a minute); shortened in tests and demos.</summary>
    public TimeSpan RobotWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The apps are bound to one open-platform account (PROTOCOL §4.7), so jscode2session and user/info return UnionIds;
    /// false (<c>--no-unionid</c>) leaves them out, as for an unbound mini-program.
    /// </summary>
    public bool UnionIds { get; init; } = true;

    /// <summary>When set, token and jscode2session calls must present this secret; otherwise any secret is accepted.</summary>
    public string? Secret { get; init; }
}
