namespace WechatLogistics.Domain.RepairTickets;

/// <summary>How long the office has to respond (a worker accepts) and to resolve, counted from the report.</summary>
public sealed record SlaTarget
{
    public SlaTarget(TimeSpan response, TimeSpan resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(response, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, response);
        Response = response;
        Resolution = resolution;
    }

    public TimeSpan Response { get; }

    public TimeSpan Resolution { get; }
}
