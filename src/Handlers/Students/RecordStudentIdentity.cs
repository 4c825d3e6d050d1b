using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Students;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Students;

/// <summary>WeChat told us a student's OpenId in a channel, and maybe the UnionId behind it (login, user info).</summary>
public sealed record RecordStudentIdentityCommand(string OpenId, StudentChannel Channel, string? UnionId)
    : ICommand<StudentIdentityRecorded>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.UserId(nameof(OpenId), OpenId);
}

/// <param name="Linked">The person's OpenIds after recording (this one first).</param>
public sealed record StudentIdentityRecorded(string OpenId, string? UnionId, IReadOnlyList<string> Linked);

/// <summary>Insert or update one row; two logins at once both end with the row (the loser re-reads and links).</summary>
public sealed class RecordStudentIdentityCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<RecordStudentIdentityCommand, StudentIdentityRecorded>
{
    public async ValueTask<StudentIdentityRecorded> Handle(RecordStudentIdentityCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var identity = await db.StudentIdentities.SingleOrDefaultAsync(s => s.OpenId == command.OpenId, ct);
            var changed = identity is null || identity.Link(command.UnionId, now);
            if (identity is null)
            {
                identity = new StudentIdentity(command.OpenId, command.Channel, command.UnionId, now);
                db.StudentIdentities.Add(identity);
            }

            try
            {
                if (changed)
                {
                    await db.SaveChangesAsync(ct);
                }

                return new StudentIdentityRecorded(identity.OpenId, identity.UnionId, await StudentOpenIds.OfAsync(db, command.OpenId, ct));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same student's other login inserted the row first: read it and link again.
                db.ChangeTracker.Clear();
            }
        }
    }
}
