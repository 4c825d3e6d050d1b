using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A volunteer takes a place on a shift, or a waitlist place when it is full.</summary>
public sealed record ClaimShiftCommand(string VolunteerOpenId, Guid ShiftId) : ICommand<ClaimShiftResult>;

/// <summary>Confirmed, or waitlisted at <see cref="WaitlistPosition"/> (1 = next to be promoted).</summary>
public sealed record ClaimShiftResult(Guid ShiftId, Guid SignupId, SignupStatus Status, int? WaitlistPosition)
{
    public bool IsConfirmed => Status == SignupStatus.Confirmed;
}

/// <summary>
/// Applies <see cref="VolunteerShift.Claim"/> and saves under the shift's <c>Version</c> token. When another claim
/// saved first (the token moved), the shift is reloaded and the claim applied again, so capacity holds under
/// concurrency without locks: the loser simply re-reads the new count of places.
/// </summary>
public sealed class ClaimShiftCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<ClaimShiftCommand, ClaimShiftResult>
{
    /// <summary>
    /// Each round of simultaneous claims lets one through, so a burst of n claims needs the backoff window to grow
    /// past n × (one claim's time). The window reaches 1.28 s by the 7th retry; in the tests 50 simultaneous claims
    /// needed at most 10 attempts, so 20 leaves room.
    /// </summary>
    internal const int MaxAttempts = 20;

    public async ValueTask<ClaimShiftResult> Handle(ClaimShiftCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var shift = await db.VolunteerShifts.SingleOrDefaultAsync(s => s.Id == command.ShiftId, ct)
                ?? throw new DomainException("shift.not_found", "没有找到这个岗位。");
            var loadedVersion = shift.Version;
            var commitments = await CommitmentsAsync(command.VolunteerOpenId, shift, ct);

            var signup = shift.Claim(command.VolunteerOpenId, time.GetUtcNow(), commitments);
            try
            {
                await db.SaveChangesAsync(ct);
                return new ClaimShiftResult(shift.Id, signup.Id, signup.Status, shift.WaitlistPositionOf(command.VolunteerOpenId));
            }
            catch (DbUpdateException ex)
            {
                db.ChangeTracker.Clear();
                // EF may write the new signup before the shift row: a concurrent claim by the same volunteer then
                // surfaces as a unique-index violation instead. Either way the shift moved on: start over.
                if (ex is not DbUpdateConcurrencyException && !await VersionMovedAsync(command.ShiftId, loadedVersion, ct))
                {
                    throw;
                }

                if (attempt == MaxAttempts)
                {
                    throw new DomainException("shift.busy", "报名人数较多，请稍后再试。");
                }

                await Task.Delay(Backoff(attempt), ct);
            }
        }
    }

    private async Task<bool> VersionMovedAsync(Guid shiftId, int loadedVersion, CancellationToken ct) =>
        await db.VolunteerShifts.AnyAsync(s => s.Id == shiftId && s.Version != loadedVersion, ct);

    // Full jitter over a window doubling from 10 ms up to 1 s: the losers of one round spread out instead of colliding
    // again in lockstep.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << Math.Min(attempt, 7)));

    // Only shifts that overlap this one can break the no-double-booking rule, so only those are read.
    private async Task<List<VolunteerCommitment>> CommitmentsAsync(string volunteerOpenId, VolunteerShift shift, CancellationToken ct) =>
        await db.VolunteerShifts
            .Where(s => s.Id != shift.Id && s.StartsAt < shift.EndsAt && shift.StartsAt < s.EndsAt)
            .SelectMany(
                s => s.Signups.Where(signup => signup.VolunteerOpenId == volunteerOpenId),
                (s, signup) => new VolunteerCommitment(s.Id, s.StartsAt, s.EndsAt, signup.Status))
            .ToListAsync(ct);
}
