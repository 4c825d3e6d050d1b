using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.StaffAdmin;

public sealed record LocationView(Guid Id, Guid? ParentId, LocationKind Kind, string Name, string Code, int SortOrder, bool IsActive)
{
    public static LocationView Of(Location l) => new(l.Id, l.ParentId, l.Kind, l.Name, l.Code, l.SortOrder, l.IsActive);
}

/// <summary>Every location, inactive ones included (an admin reactivates them), parents before children.</summary>
public sealed record ListAllLocationsQuery(string ActorUserId) : IQuery<IReadOnlyList<LocationView>>;

public sealed record CreateLocationCommand(string ActorUserId, Guid? ParentId, LocationKind Kind, string Name, string Code, int SortOrder = 0)
    : ICommand<LocationView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.Required(nameof(Name), Name, Location.MaxNameLength, "地点名称"),
        .. InputRules.Required(nameof(Code), Code, Location.MaxCodeLength, "地点编码"),
        .. InputRules.Unless(Enum.IsDefined(Kind), nameof(Kind), "地点层级不正确。"),
    ];
}

/// <summary>Rename, deactivate or reactivate (never delete: tickets point at it).</summary>
public sealed record UpdateLocationCommand(string ActorUserId, Guid Id, string Name, bool IsActive) : ICommand<LocationView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.Required(nameof(Name), Name, Location.MaxNameLength, "地点名称");
}

public sealed class LocationsHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListAllLocationsQuery, IReadOnlyList<LocationView>>,
        ICommandHandler<CreateLocationCommand, LocationView>,
        ICommandHandler<UpdateLocationCommand, LocationView>
{
    public async ValueTask<IReadOnlyList<LocationView>> Handle(ListAllLocationsQuery query, CancellationToken ct)
    {
        await AdminAccess.StaffAsync(db, query.ActorUserId, ct);
        var all = await db.Locations.AsNoTracking().OrderBy(l => l.Kind).ThenBy(l => l.SortOrder).ThenBy(l => l.Code).ToListAsync(ct);
        return [.. all.Select(LocationView.Of)];
    }

    public async ValueTask<LocationView> Handle(CreateLocationCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var parent = command.ParentId is { } parentId
            ? await db.Locations.SingleOrDefaultAsync(l => l.Id == parentId, ct) ?? throw AdminAccess.NotFound("location")
            : null;
        var location = Location.Create(parent, command.Kind, command.Name, command.Code, command.SortOrder);
        if (await db.Locations.AnyAsync(l => l.Code == location.Code, ct))
        {
            throw AdminAccess.Duplicate("location", $"地点编码 {location.Code} 已存在。");
        }

        db.Locations.Add(location);
        await db.SaveChangesAsync(ct);
        ReferenceDataCache.Forget(cache);
        return LocationView.Of(location);
    }

    public async ValueTask<LocationView> Handle(UpdateLocationCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var location = await db.Locations.SingleOrDefaultAsync(l => l.Id == command.Id, ct) ?? throw AdminAccess.NotFound("location");
        location.Rename(command.Name);
        AdminAccess.SetActive(command.IsActive, location.Activate, location.Deactivate);

        await db.SaveChangesAsync(ct);
        ReferenceDataCache.Forget(cache);
        return LocationView.Of(location);
    }
}
