using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>
/// The period-end job's step (the Bot's monitor sends it periodically): once the campus month has ended, lock its team and
/// worker cards (by <see cref="LockedBy"/>) and send each team lead their team's card by WeCom app message.
/// </summary>
public sealed record CloseScoreCardMonthCommand : ICommand<CloseScoreCardMonthResult>
{
    public const string LockedBy = "system";
}

/// <param name="Month">The first day of the month looked at.</param>
/// <param name="Locked">False when it was locked already (by an admin, an earlier run or another instance).</param>
public sealed record CloseScoreCardMonthResult(DateOnly Month, bool Locked, int Messages);

/// <summary>
/// Once across instances as the SLA monitor's alerts are: the period row's (scope, from, to) key lets one save win; the
/// loser's rows and messages roll back with it. The period rows and the messages are saved together, so a crash leaves
/// either both or neither.
/// </summary>
public sealed class CloseScoreCardMonthCommandHandler(IAppDbContext db, IOutbox outbox, ScoreCardCalculator calculator, TimeProvider time)
    : ICommandHandler<CloseScoreCardMonthCommand, CloseScoreCardMonthResult>
{
    public async ValueTask<CloseScoreCardMonthResult> Handle(CloseScoreCardMonthCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = CampusTime.DateOf(now);
        var to = new DateOnly(today.Year, today.Month, 1);
        var from = to.AddMonths(-1);
        if (await db.ScoreCardPeriods.AnyAsync(p => p.Scope == ScoreCardScope.Team && p.From == from && p.To == to, ct))
        {
            return new CloseScoreCardMonthResult(from, false, 0);
        }

        try
        {
            var (_, teams) = await ScoreCardPeriods.LockAsync(db, calculator, ScoreCardScope.Team, from, to, CloseScoreCardMonthCommand.LockedBy, now, ct);
            if (await ScoreCardPeriods.FindAsync(db, ScoreCardScope.Worker, from, to, ct) is null)
            {
                await ScoreCardPeriods.LockAsync(db, calculator, ScoreCardScope.Worker, from, to, CloseScoreCardMonthCommand.LockedBy, now, ct);
            }

            var messages = await EnqueueLeadCardsAsync(teams, ct);
            await db.SaveChangesAsync(ct);
            return new CloseScoreCardMonthResult(from, true, messages);
        }
        catch (Exception ex) when (StorageConflict.Is(ex) || ex is DomainException { Code: ScoreCardPeriods.LockedCode })
        {
            // Another instance locked the month first: its save, at the key or between our check and our lock.
            db.ChangeTracker.Clear();
            return new CloseScoreCardMonthResult(from, false, 0);
        }
    }

    /// <summary>
    /// A team's lead is its dispatcher(s); a team without one is led by the dispatchers without a team (they cover every
    /// team, as for SLA escalations). One message per team, to all its leads.
    /// </summary>
    private async Task<int> EnqueueLeadCardsAsync(ScoreCardReport report, CancellationToken ct)
    {
        var dispatchers = await db.StaffMembers.AsNoTracking()
            .Where(m => m.IsActive && m.Role == StaffRole.Dispatcher)
            .Select(m => new { m.UserId, m.TeamId })
            .ToListAsync(ct);
        var everyTeam = dispatchers.Where(d => d.TeamId is null).Select(d => d.UserId).Order(StringComparer.Ordinal).ToList();
        var sent = 0;
        foreach (var card in report.Cards)
        {
            var teamId = Guid.Parse(card.Key);
            var own = dispatchers.Where(d => d.TeamId == teamId).Select(d => d.UserId).Order(StringComparer.Ordinal).ToList();
            var leads = own.Count > 0 ? own : everyTeam;
            if (leads.Count == 0)
            {
                continue;
            }

            var recipients = string.Join('|', leads);
            outbox.Enqueue(new OutboxItem(OutboxChannel.WeComApp, "score-card", $"score-card:{teamId:N}:{report.From:yyyyMMdd}-{report.To:yyyyMMdd}",
                new OutboxContent { Title = "考核结果", Text = ScoreCardTexts.LeadCard(report, card), WeComToUser = recipients }));
            sent++;
        }

        return sent;
    }
}
