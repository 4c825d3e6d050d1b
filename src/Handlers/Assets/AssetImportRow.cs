using System.Globalization;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;

namespace WechatLogistics.Handlers.Assets;

/// <summary>A problem with one line of an import file; the line is the file's own line number (the header is line 1).</summary>
public sealed record AssetImportError(int Line, string Reason);

/// <summary>What the rows are checked against, read once per import: active locations by code, teams by name, staff.</summary>
internal sealed record AssetImportLookups(
    IReadOnlyDictionary<string, Guid> LocationsByCode,
    IReadOnlyDictionary<string, Guid> TeamsByName,
    IReadOnlyDictionary<string, string> StaffByUserIdOrEmployeeNo,
    DateOnly Today);

/// <summary>
/// One data row of the import file: <c>code,kind,location,team,person,purchase_date,value,status</c>. Every problem of the
/// row is reported (not only the first), so one round of fixes is enough; the asset's own rules come last, from the
/// domain (negative value, future date, no one responsible).
/// </summary>
internal static class AssetImportRow
{
    public static readonly string[] Header = ["code", "kind", "location", "team", "person", "purchase_date", "value", "status"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"];

    public static (Asset? Asset, IReadOnlyList<string> Problems) Parse(CsvRecord record, AssetImportLookups lookups)
    {
        if (record.Malformed)
        {
            return (null, ["引号使用不正确（RFC 4180：含逗号或引号的字段要用双引号括起，内部引号写成两个）"]);
        }

        if (record.Fields.Count != Header.Length)
        {
            return (null, [$"应有{Header.Length}列，实际{record.Fields.Count}列"]);
        }

        var f = record.Fields.Select(v => v.Trim()).ToArray();
        var problems = new List<string>();
        var code = AssetCode.Normalize(f[0]);
        if (code is null)
        {
            problems.Add(f[0].Length == 0 ? "缺少设备编号" : $"设备编号“{f[0]}”格式不正确（字母、数字和 - _ .，最多{AssetCode.MaxLength}位）");
        }

        Guid? location = lookups.LocationsByCode.TryGetValue(f[2].ToUpperInvariant(), out var l) ? l : null;
        if (location is null)
        {
            problems.Add(f[2].Length == 0 ? "缺少地点编码" : $"没有找到地点编码“{f[2]}”");
        }

        Guid? team = null;
        if (f[3].Length > 0)
        {
            team = lookups.TeamsByName.TryGetValue(f[3], out var t) ? t : null;
            if (team is null)
            {
                problems.Add($"没有找到班组“{f[3]}”");
            }
        }

        string? person = null;
        if (f[4].Length > 0 && !lookups.StaffByUserIdOrEmployeeNo.TryGetValue(f[4], out person))
        {
            problems.Add($"没有找到责任人“{f[4]}”（企业微信账号或工号）");
        }

        DateOnly? purchased = null;
        if (f[5].Length > 0)
        {
            purchased = DateOnly.TryParseExact(f[5], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            if (purchased is null)
            {
                problems.Add($"购置日期“{f[5]}”不正确，应为 yyyy-MM-dd");
            }
        }

        decimal? value = null;
        if (f[6].Length > 0)
        {
            value = decimal.TryParse(f[6], NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;
            if (value is null)
            {
                problems.Add($"原值“{f[6]}”不是数字");
            }
        }

        var status = AssetTexts.ParseStatus(f[7]);
        if (status is null)
        {
            problems.Add($"状态“{f[7]}”不正确，应为 in-use、under-repair 或 retired");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        try
        {
            return (Asset.Create(code!, f[1], location!.Value, team, person, purchased, value, status!.Value, lookups.Today), []);
        }
        catch (DomainException ex)
        {
            return (null, [ex.Message]);
        }
    }
}
