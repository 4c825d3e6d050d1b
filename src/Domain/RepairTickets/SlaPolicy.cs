namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// Response and resolution targets per priority. Opening a ticket stamps its due times from the policy in
/// force, so a later policy change does not move the goalposts of tickets already open.
/// </summary>
public sealed record SlaPolicy(SlaTarget Urgent, SlaTarget Normal, SlaTarget Low)
{
    /// <summary>Warn once this share of the allowed time is used (gongdanbaoxiu's default).</summary>
    public const double DefaultWarningRatio = 0.8;

    /// <summary>Urgent 2 h / 8 h, normal 8 h / 24 h, low 24 h / 72 h (anchors §1.1, sushebaoxiu).</summary>
    public static SlaPolicy Default { get; } = new(
        Urgent: new SlaTarget(TimeSpan.FromHours(2), TimeSpan.FromHours(8)),
        Normal: new SlaTarget(TimeSpan.FromHours(8), TimeSpan.FromHours(24)),
        Low: new SlaTarget(TimeSpan.FromHours(24), TimeSpan.FromHours(72)));

    public SlaTarget For(Priority priority) => priority switch
    {
        Priority.Urgent => Urgent,
        Priority.Normal => Normal,
        Priority.Low => Low,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };
}
