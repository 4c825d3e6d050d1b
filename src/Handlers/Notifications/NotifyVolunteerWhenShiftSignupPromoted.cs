using System.Globalization;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>A waitlisted volunteer got a place: tell them, by the same channel rules as ticket updates.</summary>
public sealed class NotifyVolunteerWhenShiftSignupPromoted(IOptionsMonitor<NotificationOptions> options)
    : DomainEventMapper<ShiftSignupPromoted>
{
    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(ShiftSignupPromoted promoted, IAppDbContext db, CancellationToken ct)
    {
        var shift = await db.VolunteerShifts.FindAsync([promoted.ShiftId], ct);
        var title = shift?.Title ?? "志愿岗位";
        var when = shift is null ? "" : $"（{StudentNotice.CampusTime(shift.StartsAt)}）";
        var key = string.Create(CultureInfo.InvariantCulture, $"signup-promoted:{promoted.SignupId:N}:{promoted.At.UtcTicks}");
        return
        [
            StudentNotice.Create(
                options.CurrentValue, promoted.VolunteerOpenId, key, "志愿报名", $"好消息！您在「{title}」{when}的候补已转为正式报名，请准时参加。",
                title, "已录取", promoted.At, title),
        ];
    }
}
