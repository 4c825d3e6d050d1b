using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Bot.Persistence.Seeding;

/// <summary>A few volunteer shifts in the coming days, so a fresh install has something to claim.</summary>
internal static class SampleShifts
{
    // China Standard Time, no daylight saving: the campus clock the shift times are written in.
    private static readonly TimeSpan CampusOffset = TimeSpan.FromHours(8);

    public static IReadOnlyList<VolunteerShift> Create(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(CampusOffset).DateTime);
        return
        [
            Shift("食堂高峰引导", "第一食堂", today.AddDays(1), new(11, 0), new(13, 0), 4, now),
            Shift("图书整理", "图书馆", today.AddDays(2), new(14, 0), new(16, 0), 6, now),
            Shift("宿舍报修回访", "东区学生公寓1号楼", today.AddDays(3), new(19, 0), new(21, 0), 3, now),
            Shift("体育馆器材整理", "体育馆", today.AddDays(4), new(9, 0), new(11, 30), 5, now),
        ];
    }

    private static VolunteerShift Shift(
        string title, string place, DateOnly day, TimeOnly from, TimeOnly to, int capacity, DateTimeOffset now) =>
        VolunteerShift.Create(title, place, At(day, from), At(day, to), capacity, now);

    private static DateTimeOffset At(DateOnly day, TimeOnly time) =>
        new DateTimeOffset(day.ToDateTime(time), CampusOffset).ToUniversalTime();
}
