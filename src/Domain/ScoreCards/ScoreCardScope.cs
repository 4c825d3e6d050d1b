namespace WechatLogistics.Domain.ScoreCards;

/// <summary>Who score cards are for. Persisted by name: never rename.</summary>
public enum ScoreCardScope
{
    /// <summary>One card per maintenance team (班组).</summary>
    Team = 1,

    /// <summary>One card per worker (the ticket's assignee).</summary>
    Worker = 2,
}
