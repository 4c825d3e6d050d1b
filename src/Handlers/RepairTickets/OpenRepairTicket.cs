using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Assets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>
/// A student reports a fault (报修). <paramref name="IdempotencyKey"/> identifies the request: sending the same key
/// again (a WeChat redelivery, a double tap, a client retry) returns the ticket it opened instead of a second one.
/// </summary>
/// <param name="Priority">Null: the category's default priority.</param>
/// <param name="AssetCode">The asset the report is about (typed, or from its QR code): its location is the report's.</param>
public sealed record OpenRepairTicketCommand(
    string ReporterOpenId,
    Guid CategoryId,
    Guid? LocationId,
    string? LocationText,
    string Description,
    IReadOnlyList<TicketPhoto> Photos,
    Priority? Priority,
    string IdempotencyKey,
    string? AssetCode = null) : ICommand<OpenRepairTicketResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ReporterOpenId), ReporterOpenId),
        .. InputRules.Unless(CategoryId != Guid.Empty, nameof(CategoryId), "请选择报修类别。"),
        .. InputRules.Unless(
            LocationId is not null || !string.IsNullOrWhiteSpace(LocationText) || !string.IsNullOrWhiteSpace(AssetCode), nameof(LocationText), "请填写报修地点。"),
        .. InputRules.Optional(nameof(AssetCode), AssetCode, Domain.Assets.AssetCode.MaxLength, "设备编号"),
        .. InputRules.Optional(nameof(LocationText), LocationText, RepairTicket.MaxLocationTextLength, "报修地点"),
        .. InputRules.Required(nameof(Description), Description, RepairTicket.MaxDescriptionLength, "问题描述"),
        .. InputRules.Unless(
            Photos is not null && Photos.Count <= RepairTicket.MaxPhotos
                && Photos.All(p => p is not null && p.HasContent),
            nameof(Photos),
            $"照片最多{RepairTicket.MaxPhotos}张，且每张都要有内容。"),
        .. InputRules.Unless(Priority is null || Enum.IsDefined(Priority.Value), nameof(Priority), "优先级不正确。"),
        .. InputRules.Unless(
            !string.IsNullOrWhiteSpace(IdempotencyKey) && IdempotencyKey.Length <= RepairTicket.MaxIdempotencyKeyLength,
            nameof(IdempotencyKey),
            "请求标识不正确。"),
    ];
}

/// <param name="AlreadyExisted">True when the key had already opened this ticket (nothing new was created).</param>
/// <param name="DuplicateOfNumber">The open ticket this report repeats (same fault, same place), which it was linked to.</param>
/// <param name="RecurringFault">The named asset reached the recurring-fault threshold with this report (重复报修预警).</param>
public sealed record OpenRepairTicketResult(
    Guid TicketId,
    string Number,
    Priority Priority,
    DateTimeOffset OpenedAt,
    DateTimeOffset ResponseDueAt,
    DateTimeOffset ResolveDueAt,
    bool AlreadyExisted,
    string? DuplicateOfNumber = null,
    bool RecurringFault = false);

/// <summary>
/// Allocates the day's next number, then saves the ticket; the unique index on (reporter, key) turns a concurrent
/// duplicate into a read of the winner's ticket. Numbers are unique and increasing; a failed save leaves a gap.
/// </summary>
/// <remarks>
/// A report naming an asset is filed at the asset's location, links the asset (which goes under repair), is routed to
/// the asset's responsible team (<see cref="NewTicketDispatch"/>) and is flagged when the asset's reports recur.
/// The category and place are checked against <see cref="ReferenceDataCache"/>; one it does not hold (retired, or
/// added on another instance within the cache's minute) is checked against the table, so the answer is the table's.
/// </remarks>
public sealed class OpenRepairTicketCommandHandler(
    IAppDbContext db, IMemoryCache cache, TimeProvider time, IOptions<AssetOptions>? assetOptions = null)
    : ICommandHandler<OpenRepairTicketCommand, OpenRepairTicketResult>
{
    private readonly RecurringFaultPolicy _recurringFault = (assetOptions?.Value ?? new AssetOptions()).RecurringFault;

    public async ValueTask<OpenRepairTicketResult> Handle(OpenRepairTicketCommand command, CancellationToken ct)
    {
        if (await FindAsync(command, ct) is { } earlier)
        {
            return earlier;
        }

        var defaultPriority = await LeafCategoryPriorityAsync(command.CategoryId, ct);
        var asset = string.IsNullOrWhiteSpace(command.AssetCode) ? null : await AssetReports.ReportableAsync(db, command.AssetCode, ct);
        var location = asset?.LocationId ?? command.LocationId;
        if (asset is null && command.LocationId is { } locationId && !await IsActiveLocationAsync(locationId, ct))
        {
            throw new DomainException("ticket.invalid", "没有找到这个报修地点，请重新选择。");
        }

        var now = time.GetUtcNow();
        // The number comes from its own one-statement upsert, committed at once: the day's counter row is locked for
        // that statement only, not while the ticket is saved (under a burst of reports, holding it across the save
        // serialised every report on PostgreSQL). A save that then fails leaves a gap; numbers stay unique.
        var sequence = await db.NextTicketSequenceAsync(CampusTime.DateOf(now), ct);
        var ticket = RepairTicket.Open(
            RepairTicketNumber.Create(CampusTime.DateOf(now), sequence),
            command.ReporterOpenId,
            command.CategoryId,
            location,
            command.LocationText,
            command.Description,
            command.Photos,
            command.Priority ?? defaultPriority,
            SlaPolicy.Default,
            now,
            command.IdempotencyKey);
        if (asset is not null)
        {
            ticket.Concerns(asset);
        }

        // Duplicate link, team and worker are decided before the one save (docs/decisions/staff-dispatch.md).
        var dispatch = await NewTicketDispatch.DispatchAsync(db, cache, ticket, now, ct);
        await AssetReports.FlagIfRecurringAsync(db, ticket, _recurringFault, ct);
        db.RepairTickets.Add(ticket);
        try
        {
            await db.SaveChangesAsync(ct);
            return ResultOf(ticket, alreadyExisted: false, dispatch.DuplicateOfNumber);
        }
        catch (DbUpdateException)
        {
            // Most likely the same request saved first (unique reporter + key): answer with its ticket.
            db.ChangeTracker.Clear();
            return await FindAsync(command, ct) ?? throw new DomainException("ticket.busy", "报修提交失败，请稍后再试。");
        }
    }

    private async Task<Priority> LeafCategoryPriorityAsync(Guid categoryId, CancellationToken ct)
    {
        if ((await ReferenceDataCache.CategoriesAsync(cache, db, ct)).Find(categoryId) is { } cached)
        {
            return cached.IsLeaf ? cached.DefaultPriority : throw NotALeaf();
        }

        var category = await db.RepairCategories.AsNoTracking()
            .Where(c => c.Id == categoryId && c.IsActive)
            .Select(c => new { c.DefaultPriority, HasChildren = db.RepairCategories.Any(child => child.ParentId == c.Id && child.IsActive) })
            .SingleOrDefaultAsync(ct)
            ?? throw new DomainException("ticket.invalid", "没有找到这个报修类别，请重新选择。");
        return category.HasChildren ? throw NotALeaf() : category.DefaultPriority;
    }

    private static DomainException NotALeaf() => new("ticket.invalid", "请选择具体的报修类别。");

    private async Task<bool> IsActiveLocationAsync(Guid locationId, CancellationToken ct) =>
        (await ReferenceDataCache.LocationsAsync(cache, db, ct)).Find(locationId) is not null
        || await db.Locations.AnyAsync(l => l.Id == locationId && l.IsActive, ct);

    private async Task<OpenRepairTicketResult?> FindAsync(OpenRepairTicketCommand command, CancellationToken ct)
    {
        var ticket = await db.RepairTickets.AsNoTracking()
            .SingleOrDefaultAsync(t => t.ReporterOpenId == command.ReporterOpenId && t.IdempotencyKey == command.IdempotencyKey, ct);
        if (ticket is null)
        {
            return null;
        }

        var original = ticket.DuplicateOfId is { } originalId
            ? await db.RepairTickets.AsNoTracking().Where(t => t.Id == originalId).Select(t => t.Number).SingleOrDefaultAsync(ct)
            : null;
        return ResultOf(ticket, alreadyExisted: true, original?.ToString());
    }

    internal static OpenRepairTicketResult ResultOf(RepairTicket ticket, bool alreadyExisted, string? duplicateOf) =>
        new(ticket.Id, ticket.Number.ToString(), ticket.Priority, ticket.OpenedAt, ticket.ResponseDueAt, ticket.ResolveDueAt, alreadyExisted, duplicateOf,
            ticket.RecurringFault);
}
