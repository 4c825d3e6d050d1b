namespace WechatLogistics.Domain.Incidents;

/// <summary>Persisted by name: never rename.</summary>
public enum IncidentStatus
{
    Open = 1,
    Closed = 2,
}
