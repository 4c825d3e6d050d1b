namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// One row per campus day: the last department-request sequence handed out that day (the D… numbers), written only by
/// <see cref="AppDbContext.NextDepartmentRequestSequenceAsync"/>'s upsert, like <see cref="TicketNumberSequence"/>.
/// </summary>
internal sealed class DepartmentRequestNumberSequence
{
    public DateOnly Day { get; private set; }

    public int LastValue { get; private set; }
}
