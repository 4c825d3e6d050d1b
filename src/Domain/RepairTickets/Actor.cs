namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// Who did something: a student (OpenId), a maintenance worker or office staff member (WeCom UserId), or
/// the system.
/// </summary>
public sealed record Actor
{
    private Actor(ActorKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    public ActorKind Kind { get; }

    public string Id { get; }

    public static Actor System { get; } = new(ActorKind.System, "system");

    public static Actor Student(string openId) => new(ActorKind.Student, Require(openId));

    public static Actor Worker(string userId) => new(ActorKind.Worker, Require(userId));

    public static Actor Staff(string userId) => new(ActorKind.Staff, Require(userId));

    private static string Require(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw new ArgumentException("An actor needs an id.", nameof(id)) : id;
}
