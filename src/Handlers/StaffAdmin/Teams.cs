using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.StaffAdmin;

public sealed record TeamView(Guid Id, string Name, bool IsActive)
{
    public static TeamView Of(Team team) => new(team.Id, team.Name, team.IsActive);
}

public sealed record ListTeamsQuery(string ActorUserId) : IQuery<IReadOnlyList<TeamView>>;

public sealed record CreateTeamCommand(string ActorUserId, string Name) : ICommand<TeamView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.Required(nameof(Name), Name, Team.MaxNameLength, "班组名称");
}

/// <summary>Rename, and deactivate (routing skips it) or reactivate.</summary>
public sealed record UpdateTeamCommand(string ActorUserId, Guid Id, string Name, bool IsActive) : ICommand<TeamView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.Required(nameof(Name), Name, Team.MaxNameLength, "班组名称");
}

/// <summary>An update drops the cached routing rules, which hold only active teams' rules (<see cref="ReferenceDataCache.ForgetRoutingRules"/>).</summary>
public sealed class TeamsHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListTeamsQuery, IReadOnlyList<TeamView>>, ICommandHandler<CreateTeamCommand, TeamView>, ICommandHandler<UpdateTeamCommand, TeamView>
{
    public async ValueTask<IReadOnlyList<TeamView>> Handle(ListTeamsQuery query, CancellationToken ct)
    {
        await AdminAccess.StaffAsync(db, query.ActorUserId, ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return [.. teams.Select(TeamView.Of)];
    }

    public async ValueTask<TeamView> Handle(CreateTeamCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var team = Team.Create(command.Name);
        await EnsureUniqueAsync(team.Name, team.Id, ct);
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return TeamView.Of(team);
    }

    public async ValueTask<TeamView> Handle(UpdateTeamCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == command.Id, ct) ?? throw AdminAccess.NotFound("team");
        team.Rename(command.Name);
        await EnsureUniqueAsync(team.Name, team.Id, ct);
        AdminAccess.SetActive(command.IsActive, team.Activate, team.Deactivate);

        await db.SaveChangesAsync(ct);
        ReferenceDataCache.ForgetRoutingRules(cache);
        return TeamView.Of(team);
    }

    private async Task EnsureUniqueAsync(string name, Guid id, CancellationToken ct)
    {
        if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != id, ct))
        {
            throw AdminAccess.Duplicate("team", $"已有名为“{name}”的班组。");
        }
    }
}
