using System.Text.RegularExpressions;

namespace WechatLogistics.Domain.Locations;

/// <summary>
/// Recognises a building in free text such as "东区1号楼 302", "1号楼302", "东1-302" or "一食堂". Build it
/// once from the location list (it precomputes every building's aliases) and call <see cref="Match"/> per
/// message. Pure: no I/O.
/// </summary>
/// <remarks>
/// Each active building gets aliases: its full name, the name without the area prefix
/// (学生公寓1号楼), without 第 (1食堂), and for numbered buildings the short forms people use —
/// 1号楼 / 1栋 / 1幢 / 1#, each with or without the area (东区1号楼, 东1栋, 东1). A building's score is its
/// longest alias found in the text; the best score wins, ties are returned together. Longer means more
/// specific: "东1号楼" beats the bare "1号楼" that every area's dorm 1 shares. Digits must not run on into
/// the alias ("东区12号楼" is not 东区1号楼).
/// </remarks>
public sealed partial class LocationMatcher
{
    private static readonly string[] NumberedForms = ["号楼", "栋", "幢", "#"];
    private static readonly string[] AreaSuffixes = ["校区", "区", "苑"];
    private const string RoomSeparators = " -_#:：、,，";
    private const string RoomChars = "-#楼层室号房";

    // Buildings in display order (area, then building), so ambiguous candidates list the way menus do.
    private readonly List<(Location Building, string Alias)> _aliases = [];

    public LocationMatcher(IEnumerable<Location> locations)
    {
        var all = locations.ToList();
        var byId = all.ToDictionary(l => l.Id);
        var buildings = all
            .Where(l => l.IsActive && l.Kind == LocationKind.Building)
            .Select(b => (Building: b, Area: AreaOf(b, byId)))
            .OrderBy(b => b.Area?.SortOrder ?? 0)
            .ThenBy(b => b.Area?.Code, StringComparer.Ordinal)
            .ThenBy(b => b.Building.SortOrder)
            .ThenBy(b => b.Building.Code, StringComparer.Ordinal);
        foreach (var (building, area) in buildings)
        {
            foreach (var alias in AliasesOf(building, area).Distinct())
            {
                _aliases.Add((building, alias));
            }
        }
    }

    public LocationMatch Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LocationMatch.None;
        }

        var input = CampusText.Normalize(text);
        var best = new List<(Location Building, int Length, int End)>();
        foreach (var (building, alias) in _aliases)
        {
            var at = FindBounded(input, alias);
            if (at < 0)
            {
                continue;
            }

            var found = best.FindIndex(m => m.Building == building);
            if (found < 0)
            {
                best.Add((building, alias.Length, at + alias.Length));
            }
            else if (alias.Length > best[found].Length)
            {
                best[found] = (building, alias.Length, at + alias.Length);
            }
        }

        if (best.Count == 0)
        {
            return LocationMatch.None;
        }

        var top = best.Max(m => m.Length);
        var winners = best.Where(m => m.Length == top).ToList();
        return new LocationMatch([.. winners.Select(m => m.Building)], RoomAfter(input, winners[0].End));
    }

    private static Location? AreaOf(Location building, Dictionary<Guid, Location> byId) =>
        building.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) && parent.Kind == LocationKind.Area
            ? parent
            : null;

    private static IEnumerable<string> AliasesOf(Location building, Location? area)
    {
        var full = CampusText.Normalize(building.Name);
        var areaName = area is null ? null : CampusText.Normalize(area.Name);
        var stem = areaName is not null && full.StartsWith(areaName, StringComparison.Ordinal) && full.Length > areaName.Length
            ? full[areaName.Length..]
            : full;

        yield return full;
        yield return stem;
        if (stem.StartsWith('第') && stem.Length > 2)
        {
            yield return stem[1..];
        }

        if (NumberedBuilding().Match(stem) is not { Success: true } numbered)
        {
            yield break;
        }

        var number = numbered.Groups["n"].Value;
        var prefixes = areaName is null ? [""] : new[] { "", areaName, ShortArea(areaName) }.Distinct();
        foreach (var prefix in prefixes)
        {
            foreach (var form in NumberedForms)
            {
                yield return prefix + number + form;
            }

            if (prefix.Length > 0)
            {
                // "东1-302", "东区1号 302": the area makes a bare number specific enough.
                yield return prefix + number + "号";
                yield return prefix + number;
            }
        }
    }

    private static string ShortArea(string areaName)
    {
        foreach (var suffix in AreaSuffixes)
        {
            if (areaName.Length > suffix.Length && areaName.EndsWith(suffix, StringComparison.Ordinal))
            {
                return areaName[..^suffix.Length];
            }
        }

        return areaName;
    }

    private static int FindBounded(string input, string alias)
    {
        for (var at = input.IndexOf(alias, StringComparison.Ordinal); at >= 0;
             at = input.IndexOf(alias, at + 1, StringComparison.Ordinal))
        {
            var end = at + alias.Length;
            var runsIn = char.IsAsciiDigit(alias[0]) && at > 0 && char.IsAsciiDigit(input[at - 1]);
            var runsOut = char.IsAsciiDigit(alias[^1]) && end < input.Length && char.IsAsciiDigit(input[end]);
            if (!runsIn && !runsOut)
            {
                return at;
            }
        }

        return -1;
    }

    // The room is the run right after the building: "302", "302室", "3楼302", "a-201". Anything else
    // ("一直漏水", "门口") is description, not a room, and stays in the ticket's location text.
    private static string? RoomAfter(string input, int end)
    {
        var rest = input.AsSpan(end).TrimStart(RoomSeparators);
        if (rest.IsEmpty || !char.IsAsciiLetterOrDigit(rest[0]))
        {
            return null;
        }

        var length = 0;
        while (length < rest.Length && (char.IsAsciiLetterOrDigit(rest[length]) || RoomChars.Contains(rest[length])))
        {
            length++;
        }

        return rest[..length].TrimEnd("-#").ToString().ToUpperInvariant();
    }

    [GeneratedRegex(@"(?<n>[0-9]+)(号楼|栋|幢|号)$")]
    private static partial Regex NumberedBuilding();
}
