using Mediator;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>An admin locks an ended period: its cards are stored as they stand and never change again.</summary>
public sealed record LockScoreCardPeriodCommand(string ActorUserId, DateOnly From, DateOnly To, ScoreCardScope Scope) : ICommand<ScoreCardReport>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ScoreCardPeriods.Validate(ActorUserId, From, To, Scope);
}

public sealed class LockScoreCardPeriodCommandHandler(IAppDbContext db, ScoreCardCalculator calculator, TimeProvider time)
    : ICommandHandler<LockScoreCardPeriodCommand, ScoreCardReport>
{
    public async ValueTask<ScoreCardReport> Handle(LockScoreCardPeriodCommand command, CancellationToken ct)
    {
        var admin = await StaffAccess.ActorAsync(db, command.ActorUserId, ct);
        if (admin.Role != StaffRole.Admin)
        {
            throw new DomainException("staff.forbidden", "只有管理员可以锁定考核期。");
        }

        var (_, report) = await ScoreCardPeriods.LockAsync(db, calculator, command.Scope, command.From, command.To, admin.UserId, time.GetUtcNow(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (StorageConflict.Is(ex))
        {
            throw ScoreCardPeriods.AlreadyLocked();
        }

        return report;
    }
}
