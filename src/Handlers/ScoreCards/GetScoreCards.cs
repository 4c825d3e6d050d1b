using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Kpis;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>
/// The score cards (量化考核) of the campus days [<see cref="From"/>, <see cref="To"/>) per team or worker, for dispatchers
/// and admins: the locked snapshot when the period is locked, else computed now.
/// </summary>
public sealed record GetScoreCardsQuery(string ActorUserId, DateOnly From, DateOnly To, ScoreCardScope Scope) : IQuery<ScoreCardReport>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ScoreCardPeriods.Validate(ActorUserId, From, To, Scope);
}

public sealed class GetScoreCardsQueryHandler(IAppDbContext db, ScoreCardCalculator calculator) : IQueryHandler<GetScoreCardsQuery, ScoreCardReport>
{
    public async ValueTask<ScoreCardReport> Handle(GetScoreCardsQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        if (!actor.IsDispatcher)
        {
            throw new DomainException("staff.forbidden", "只有调度员或管理员可以查看考核结果。");
        }

        var locked = await ScoreCardPeriods.FindAsync(db, query.Scope, query.From, query.To, ct);
        return locked is null ? await calculator.ComputeAsync(query.Scope, query.From, query.To, ct) : ScoreCardPeriods.Report(locked);
    }
}

/// <summary>What reading and locking share: input rules, the lookup, the snapshot.</summary>
internal static class ScoreCardPeriods
{
    public static IEnumerable<ValidationError> Validate(string actorUserId, DateOnly from, DateOnly to, ScoreCardScope scope) =>
    [
        .. InputRules.UserId("ActorUserId", actorUserId),
        .. InputRules.Unless(from < to, "to", "结束日期须晚于开始日期。"),
        .. InputRules.Unless(to.DayNumber - from.DayNumber <= GetKpisQuery.MaxDays, "from", $"考核期不能超过{GetKpisQuery.MaxDays}天。"),
        .. InputRules.Unless(Enum.IsDefined(scope), "by", "考核对象须为 team 或 worker。"),
    ];

    public static Task<ScoreCardPeriod?> FindAsync(IAppDbContext db, ScoreCardScope scope, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.ScoreCardPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Scope == scope && p.From == from && p.To == to, ct);

    /// <summary>The snapshot with the lock's who and when.</summary>
    public static ScoreCardReport Report(ScoreCardPeriod period) =>
        ScoreCardSnapshot.Read(period.Snapshot) with { LockedAt = period.LockedAt, LockedBy = period.LockedBy };

    public const string LockedCode = "score_card.locked";

    public static DomainException AlreadyLocked() => new(LockedCode, "该考核期已锁定。");

    /// <summary>
    /// Computes the cards now and adds the locked period to the unit of work; the caller saves. A period locked meanwhile
    /// fails the save on the (scope, from, to) key.
    /// </summary>
    public static async Task<(ScoreCardPeriod Period, ScoreCardReport Report)> LockAsync(
        IAppDbContext db, ScoreCardCalculator calculator, ScoreCardScope scope, DateOnly from, DateOnly to, string by, DateTimeOffset now, CancellationToken ct)
    {
        if (await FindAsync(db, scope, from, to, ct) is not null)
        {
            throw AlreadyLocked();
        }

        var report = await calculator.ComputeAsync(scope, from, to, ct);
        var period = ScoreCardPeriod.Lock(scope, from, to, CampusTime.DateOf(now), by, ScoreCardSnapshot.Write(report), now);
        db.ScoreCardPeriods.Add(period);
        return (period, report with { LockedAt = period.LockedAt, LockedBy = period.LockedBy });
    }
}
