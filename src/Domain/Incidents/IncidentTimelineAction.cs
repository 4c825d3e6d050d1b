namespace WechatLogistics.Domain.Incidents;

/// <summary>Persisted by name: never rename.</summary>
public enum IncidentTimelineAction
{
    Opened = 1,
    Announced = 2,
    PlanStarted = 3,
    TaskDone = 4,
    TaskSkipped = 5,
    Closed = 6,
}
