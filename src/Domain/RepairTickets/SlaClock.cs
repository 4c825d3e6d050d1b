namespace WechatLogistics.Domain.RepairTickets;

/// <summary>Pure SLA arithmetic: one clock from its start to its due time, stopped or still running.</summary>
public static class SlaClock
{
    public static SlaStage StageOf(
        DateTimeOffset startedAt,
        DateTimeOffset dueAt,
        DateTimeOffset? stoppedAt,
        DateTimeOffset now,
        double warningRatio = SlaPolicy.DefaultWarningRatio)
    {
        if (stoppedAt is { } stopped)
        {
            return stopped <= dueAt ? SlaStage.Met : SlaStage.Breached;
        }

        var used = (now - startedAt) / (dueAt - startedAt);
        return used >= 1 ? SlaStage.Breached
            : used >= warningRatio ? SlaStage.Warning
            : SlaStage.OnTrack;
    }
}
