using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>A student says where they live, so building announcements (停水、停电) reach them.</summary>
public sealed record BindDormCommand(string OpenId, Guid BuildingId, string? Room) : ICommand<BindDormResult>;

public sealed record BindDormResult(string BuildingName, string? Room);

public sealed class BindDormCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<BindDormCommand, BindDormResult>
{
    public async ValueTask<BindDormResult> Handle(BindDormCommand command, CancellationToken ct)
    {
        var building = await AnnouncementAudienceQuery.BuildingAsync(db, command.BuildingId, ct);
        var now = time.GetUtcNow();
        var binding = await db.DormBindings.SingleOrDefaultAsync(d => d.OpenId == command.OpenId, ct);
        if (binding is null)
        {
            binding = DormBinding.Bind(command.OpenId, building.Id, command.Room, now);
            db.DormBindings.Add(binding);
        }
        else
        {
            binding.MoveTo(building.Id, command.Room, now);
        }

        await db.SaveChangesAsync(ct);
        return new BindDormResult(building.Name, binding.Room);
    }
}

/// <summary>The buildings a student's text names ("东区1号楼 302"), with what followed the name (the room).</summary>
public sealed record MatchBuildingQuery(string Text) : IQuery<BuildingMatch>;

public sealed record BuildingMatch(IReadOnlyList<BuildingChoice> Candidates, string? Room);

public sealed record BuildingChoice(Guid Id, string Name);

public sealed class MatchBuildingQueryHandler(IAppDbContext db) : IQueryHandler<MatchBuildingQuery, BuildingMatch>
{
    public async ValueTask<BuildingMatch> Handle(MatchBuildingQuery query, CancellationToken ct)
    {
        var places = await db.Locations.AsNoTracking().Where(l => l.Kind <= LocationKind.Building).ToListAsync(ct);
        var match = new LocationMatcher(places).Match(query.Text);
        return new BuildingMatch([.. match.Candidates.Select(b => new BuildingChoice(b.Id, b.Name))], match.RoomText);
    }
}
