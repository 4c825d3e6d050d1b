using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.Assets;

/// <summary>
/// Imports assets from a CSV file (UTF-8, header <c>code,kind,location,team,person,purchase_date,value,status</c>). Good
/// rows are added, bad rows are reported with their line and reason; a code already in the database or earlier in the
/// file is a bad row. All-or-nothing for the good rows: one transaction, so a failure part-way leaves the table as it
/// was (docs/decisions/assets.md).
/// </summary>
public sealed record ImportAssetsCommand(string ActorUserId, Stream Csv) : ICommand<ImportAssetsResult>;

public sealed record ImportAssetsResult(int Imported, int Rejected, IReadOnlyList<AssetImportError> Errors);

public sealed class ImportAssetsCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<ImportAssetsCommand, ImportAssetsResult>
{
    /// <summary>Rows per SaveChanges: EF batches the INSERTs of one save; the tracker is cleared between saves.</summary>
    public const int BatchSize = 1000;

    /// <summary>A bigger inventory is split into several files.</summary>
    public const int MaxRows = 50_000;

    public async ValueTask<ImportAssetsResult> Handle(ImportAssetsCommand command, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, command.ActorUserId, ct);
        actor.EnsureCanManageAssets();
        var (assets, errors) = await ReadAsync(command.Csv, await LookupsAsync(ct), ct);
        await RejectExistingCodesAsync(assets, errors, ct);
        var good = assets.Where(a => a.Asset is not null).Select(a => a.Asset!).ToList();
        await SaveAllAsync(good, ct);
        var sorted = errors.OrderBy(e => e.Line).ToList();
        return new ImportAssetsResult(good.Count, sorted.Select(e => e.Line).Distinct().Count(), sorted);
    }

    private async Task<(List<(int Line, Asset? Asset)> Assets, List<AssetImportError> Errors)> ReadAsync(
        Stream csv, AssetImportLookups lookups, CancellationToken ct)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var assets = new List<(int Line, Asset? Asset)>();
        var errors = new List<AssetImportError>();
        var firstLineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = true;
        await foreach (var record in CsvRecords.ReadAsync(reader, ct))
        {
            if (header)
            {
                EnsureHeader(record);
                header = false;
                continue;
            }

            if (assets.Count >= MaxRows)
            {
                throw new DomainException("asset.invalid", $"一次最多导入{MaxRows}行，请拆分文件。");
            }

            var (asset, problems) = AssetImportRow.Parse(record, lookups);
            errors.AddRange(problems.Select(p => new AssetImportError(record.Line, p)));
            if (asset is not null && !firstLineOfCode.TryAdd(asset.Code, record.Line))
            {
                errors.Add(new AssetImportError(record.Line, $"设备编号“{asset.Code}”与第{firstLineOfCode[asset.Code]}行重复"));
                asset = null;
            }

            assets.Add((record.Line, asset));
        }

        return header ? throw Invalid("文件是空的，请按模板填写后再导入。") : (assets, errors);
    }

    private static void EnsureHeader(CsvRecord record)
    {
        var names = record.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant());
        if (!names.SequenceEqual(AssetImportRow.Header))
        {
            throw Invalid($"第1行应为表头：{string.Join(',', AssetImportRow.Header)}");
        }
    }

    private async Task<AssetImportLookups> LookupsAsync(CancellationToken ct)
    {
        var locations = await db.Locations.AsNoTracking().Where(l => l.IsActive).Select(l => new { l.Code, l.Id }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Where(t => t.IsActive).Select(t => new { t.Name, t.Id }).ToListAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).Select(s => new { s.UserId, s.EmployeeNo }).ToListAsync(ct);
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in staff)
        {
            people[member.EmployeeNo] = member.UserId;
        }

        foreach (var member in staff)
        {
            people[member.UserId] = member.UserId;
        }

        return new AssetImportLookups(
            locations.ToDictionary(l => l.Code.ToUpperInvariant(), l => l.Id, StringComparer.Ordinal),
            teams.ToDictionary(t => t.Name, t => t.Id, StringComparer.Ordinal),
            people,
            CampusTime.DateOf(time.GetUtcNow()));
    }

    /// <summary>Codes already in the database, asked in chunks (one IN list per chunk, not one query per row).</summary>
    private async Task RejectExistingCodesAsync(List<(int Line, Asset? Asset)> assets, List<AssetImportError> errors, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in assets.Where(a => a.Asset is not null).Select(a => a.Asset!.Code).Chunk(BatchSize))
        {
            existing.UnionWith(await db.Assets.AsNoTracking().Where(a => chunk.Contains(a.Code)).Select(a => a.Code).ToListAsync(ct));
        }

        for (var i = 0; i < assets.Count; i++)
        {
            if (assets[i].Asset is { } asset && existing.Contains(asset.Code))
            {
                errors.Add(new AssetImportError(assets[i].Line, $"设备编号“{asset.Code}”已存在"));
                assets[i] = (assets[i].Line, null);
            }
        }
    }

    private async Task SaveAllAsync(List<Asset> good, CancellationToken ct)
    {
        if (good.Count == 0)
        {
            return;
        }

        await using var transaction = await db.BeginTransactionAsync(ct);
        try
        {
            foreach (var batch in good.Chunk(BatchSize))
            {
                db.Assets.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import took one of the codes between the check and the insert: nothing of this file was kept.
            db.ChangeTracker.Clear();
            throw new DomainException("asset.import_conflict", "导入时有设备编号被同时占用，本次未导入任何设备，请重新导入。");
        }
    }

    private static DomainException Invalid(string message) => new("asset.invalid", message);
}
