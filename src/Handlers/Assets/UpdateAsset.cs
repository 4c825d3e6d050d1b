using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.Assets;

/// <summary>A dispatcher or admin edits an asset: what it is, where, who answers for it, and its status (a retired asset stays so).</summary>
public sealed record UpdateAssetCommand(
    string ActorUserId, string Code, string Kind, Guid LocationId, Guid? ResponsibleTeamId, string? ResponsibleUserId,
    DateOnly? PurchasedOn, decimal? Value, AssetStatus Status) : ICommand<AssetView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.Required(nameof(Kind), Kind, Asset.MaxKindLength, "设备类型"),
        .. InputRules.Unless(Enum.IsDefined(Status), nameof(Status), "设备状态不正确。"),
    ];
}

public sealed class UpdateAssetCommandHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time, IOptions<AssetOptions> options)
    : ICommandHandler<UpdateAssetCommand, AssetView>
{
    public async ValueTask<AssetView> Handle(UpdateAssetCommand command, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, command.ActorUserId, ct);
        actor.EnsureCanManageAssets();
        var code = AssetCode.Normalize(command.Code) ?? throw AssetReports.NotFound(command.Code.Trim());
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Code == code, ct) ?? throw AssetReports.NotFound(code);
        if (!await db.Locations.AnyAsync(l => l.Id == command.LocationId && l.IsActive, ct))
        {
            throw new DomainException("asset.invalid", "没有找到这个地点，请重新选择。");
        }

        if (command.ResponsibleTeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.IsActive, ct))
        {
            throw new DomainException("asset.invalid", "没有找到这个班组，请重新选择。");
        }

        if (command.ResponsibleUserId is { Length: > 0 } person && !await db.StaffMembers.AnyAsync(s => s.UserId == person && s.IsActive, ct))
        {
            throw new DomainException("asset.invalid", "没有找到这位责任人，请重新选择。");
        }

        asset.Describe(command.Kind, command.PurchasedOn, command.Value, CampusTime.DateOf(time.GetUtcNow()));
        asset.MoveTo(command.LocationId);
        asset.MakeResponsible(command.ResponsibleTeamId, command.ResponsibleUserId);
        if (asset.Status != command.Status)
        {
            asset.ChangeStatus(command.Status);
        }

        await db.SaveChangesAsync(ct);
        return (await AssetViews.OfAsync(db, await ReferenceDataCache.LocationsAsync(cache, db, ct), options.Value, [asset], ct))[0];
    }
}
