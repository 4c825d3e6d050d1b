using Mediator;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// Runs incident detection for the ticket named by the row (<see cref="DetectIncidentWhenRepairTicketOpened"/>). In a
/// storm the checks queue faster than they run: those claimed while one detection runs (or the dispatcher's hands are
/// full) go as the next one, which reads their tickets at once and links a building's reports in one statement.
/// </summary>
public sealed class IncidentCheckChannel(IServiceScopeFactory scopes) : CommandChannel(scopes)
{
    public override OutboxChannel Channel => OutboxChannel.IncidentCheck;

    protected override string What => "incident detection";

    /// <summary>Checks run as one detection at most (one claim's worth at the default batch size).</summary>
    public const int ChecksPerRun = 100;

    public override int CombineAtMost => ChecksPerRun;

    /// <summary>One detection at a time per instance: the checks claimed meanwhile gather for the next.</summary>
    public override bool OneAtATime => true;

    protected override async ValueTask RunAsync(ISender sender, IReadOnlyList<Guid> ids, CancellationToken ct) =>
        await sender.Send(new DetectIncidentsCommand(ids), ct);
}
