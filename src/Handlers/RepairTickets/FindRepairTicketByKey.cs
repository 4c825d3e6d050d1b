using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>
/// The ticket a reporter's idempotency key already opened, with what it was opened with, so an API can answer a
/// retried request before storing its photos again (and refuse the key reused for a different report).
/// </summary>
public sealed record FindRepairTicketByKeyQuery(string ReporterOpenId, string IdempotencyKey) : IQuery<RepairTicketByKey?>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.UserId(nameof(ReporterOpenId), ReporterOpenId);
}

/// <summary>The earlier ticket (<see cref="OpenRepairTicketResult.AlreadyExisted"/> set) and the fields a retry must repeat.</summary>
public sealed record RepairTicketByKey(
    OpenRepairTicketResult Result, Guid CategoryId, Guid? LocationId, string? LocationText, string Description, int PhotoCount,
    string? AssetCode = null)
{
    /// <summary>The same report (texts compared as the domain stores them: trimmed; photos by count).</summary>
    public bool Matches(OpenRepairTicketCommand command) =>
        command.CategoryId == CategoryId
        && string.Equals(Domain.Assets.AssetCode.Normalize(command.AssetCode), AssetCode, StringComparison.Ordinal)
        // A report by asset code was filed at the asset's location.
        && (AssetCode is not null || command.LocationId == LocationId)
        && string.Equals(Clean(command.LocationText), LocationText, StringComparison.Ordinal)
        && string.Equals(Clean(command.Description), Description, StringComparison.Ordinal)
        && command.Photos.Count == PhotoCount;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class FindRepairTicketByKeyQueryHandler(IAppDbContext db) : IQueryHandler<FindRepairTicketByKeyQuery, RepairTicketByKey?>
{
    public async ValueTask<RepairTicketByKey?> Handle(FindRepairTicketByKeyQuery query, CancellationToken ct) =>
        await FindAsync(db, query.ReporterOpenId, query.IdempotencyKey, ct);

    internal static async Task<RepairTicketByKey?> FindAsync(IAppDbContext db, string reporterOpenId, string key, CancellationToken ct)
    {
        var ticket = await db.RepairTickets.AsNoTracking()
            .SingleOrDefaultAsync(t => t.ReporterOpenId == reporterOpenId && t.IdempotencyKey == key, ct);
        if (ticket is null)
        {
            return null;
        }

        var assetCode = ticket.AssetId is { } assetId
            ? await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.Code).SingleOrDefaultAsync(ct)
            : null;
        return new RepairTicketByKey(
            OpenRepairTicketCommandHandler.ResultOf(ticket, alreadyExisted: true, duplicateOf: null),
            ticket.CategoryId, ticket.LocationId, ticket.LocationText, ticket.Description, ticket.Photos.Count, assetCode);
    }
}
