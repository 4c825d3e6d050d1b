using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Announcements;

public sealed record GetAnnouncementDeliveryReportQuery(Guid AnnouncementId) : IQuery<AnnouncementDeliveryReport>;

/// <summary>
/// Where an announcement's deliveries stand: how many were sent (and by which channel), are still pending, were
/// skipped (and why), or failed for good (and with which errcode).
/// </summary>
public sealed record AnnouncementDeliveryReport(
    Guid Id,
    string Title,
    int Recipients,
    DateTimeOffset DeliverFrom,
    int Pending,
    int Sent,
    int Skipped,
    int Failed,
    IReadOnlyDictionary<string, int> SentByChannel,
    IReadOnlyList<DeliveryProblem> Problems);

/// <param name="Status">Skipped or Dead.</param>
public sealed record DeliveryProblem(string Status, int? ErrorCode, string? Reason, int Count);

public sealed class GetAnnouncementDeliveryReportQueryHandler(IAppDbContext db, IOutbox outbox)
    : IQueryHandler<GetAnnouncementDeliveryReportQuery, AnnouncementDeliveryReport>
{
    public async ValueTask<AnnouncementDeliveryReport> Handle(GetAnnouncementDeliveryReportQuery query, CancellationToken ct)
    {
        var announcement = await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AnnouncementId, ct)
            ?? throw new DomainException("announcement.not_found", "没有找到这条公告。");
        var counts = await outbox.CountDeliveriesAsync(announcement.Id, ct);
        int Sum(OutboxStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        return new AnnouncementDeliveryReport(
            announcement.Id,
            announcement.Title,
            announcement.RecipientCount,
            announcement.DeliverFrom,
            Sum(OutboxStatus.Pending),
            Sum(OutboxStatus.Sent),
            Sum(OutboxStatus.Skipped),
            Sum(OutboxStatus.Dead),
            counts.Where(c => c.Status == OutboxStatus.Sent).GroupBy(c => c.Channel).ToDictionary(g => g.Key.ToString(), g => g.Sum(c => c.Count)),
            [
                .. counts.Where(c => c.Status is OutboxStatus.Skipped or OutboxStatus.Dead)
                    .GroupBy(c => (c.Status, c.ErrorCode, c.Reason))
                    .Select(g => new DeliveryProblem(g.Key.Status == OutboxStatus.Dead ? "Failed" : "Skipped", g.Key.ErrorCode, g.Key.Reason, g.Sum(c => c.Count)))
                    .OrderByDescending(p => p.Count),
            ]);
    }
}
