using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>
/// A new repair ticket is announced in the maintenance team's WeCom group by its robot (markdown): the robot of the
/// ticket's category (leaf, then top level) from <c>Maintenance:RobotKeys</c>, or the default one.
/// </summary>
/// <remarks>
/// Names and codes come from <see cref="ReferenceDataCache"/>; a category or place it does not hold (retired since the
/// report, or added on another instance within the cache's minute) is read from the table, as before.
/// </remarks>
public sealed class NotifyMaintainersWhenRepairTicketOpened(IOptionsMonitor<MaintenanceOptions> maintenance, IMemoryCache cache)
    : DomainEventMapper<RepairTicketOpened>
{
    /// <summary>Long descriptions are cut: the group needs the gist; the full text is in the ticket.</summary>
    public const int DescriptionLength = 80;

    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(RepairTicketOpened opened, IAppDbContext db, CancellationToken ct)
    {
        var ticket = await db.RepairTickets.FindAsync([opened.TicketId], ct);
        var (category, parent) = await CategoryAsync(opened.CategoryId, db, ct);
        var location = await LocationNameAsync(opened.LocationId, db, ct);

        var place = Safe(PlaceOf(location, ticket?.LocationText) is { Length: > 0 } named ? named : "未填写");
        var trade = Safe(parent is null ? category?.Name ?? "未知" : parent.Name + " / " + category!.Name);
        var urgent = opened.Priority == Priority.Urgent ? " <font color=\"warning\">紧急</font>" : "";
        var markdown = new StringBuilder()
            .Append("**新报修单 ").Append(opened.Number).Append("**").Append(urgent).Append('\n')
            .Append("> 地点：<font color=\"comment\">").Append(place).Append("</font>\n")
            .Append("> 类别：<font color=\"comment\">").Append(trade).Append("</font>\n")
            .Append("> 描述：").Append(Safe(StudentNotice.Cut(ticket?.Description ?? "", DescriptionLength)))
            .ToString();
        // In a digest (a storm outrunning the robot's 20 a minute): number, urgency, place and trade on one line.
        var summary = $"{opened.Number}{urgent} {StudentNotice.SummaryPlace(place)} · {trade}";
        var route = maintenance.CurrentValue.RouteFor(category?.Code, parent?.Code);
        return [new OutboxItem(OutboxChannel.WeComRobot, route, "ticket-opened:" + opened.TicketId.ToString("N"), new OutboxContent { Text = markdown, Summary = summary })];
    }

    private async Task<(CategoryName? Category, CategoryName? Parent)> CategoryAsync(Guid id, IAppDbContext db, CancellationToken ct)
    {
        var tree = await ReferenceDataCache.CategoriesAsync(cache, db, ct);
        if (tree.Find(id) is { } node)
        {
            return (new CategoryName(node.Name, node.Code), tree.ParentOf(id) is { } up ? new CategoryName(up.Name, up.Code) : null);
        }

        var category = await db.RepairCategories.FindAsync([id], ct);
        var parent = category?.ParentId is { } parentId ? await db.RepairCategories.FindAsync([parentId], ct) : null;
        return (category is null ? null : new CategoryName(category.Name, category.Code), parent is null ? null : new CategoryName(parent.Name, parent.Code));
    }

    private async Task<string?> LocationNameAsync(Guid? id, IAppDbContext db, CancellationToken ct) =>
        id is not { } locationId ? null
            : (await ReferenceDataCache.LocationsAsync(cache, db, ct)).Find(locationId)?.Name
            ?? (await db.Locations.FindAsync([locationId], ct))?.Name;

    /// <summary>
    /// The building and what the student wrote, once: the chat's place already starts with the building's name
    /// ("东区学生公寓1号楼 302"), a mini-program form may send only the room ("302室").
    /// </summary>
    internal static string PlaceOf(string? building, string? text) =>
        string.IsNullOrWhiteSpace(text) ? building ?? ""
            : string.IsNullOrWhiteSpace(building) || text.Contains(building, StringComparison.Ordinal) ? text
            : building + " " + text;

    /// <summary>Student text must not add markdown or font tags to the staff's message.</summary>
    private static string Safe(string text) =>
        text.Replace('<', '＜').Replace('>', '＞').Replace('*', '＊').Replace('[', '［').Replace(']', '］').ReplaceLineEndings(" ");

    private sealed record CategoryName(string Name, string Code);
}
