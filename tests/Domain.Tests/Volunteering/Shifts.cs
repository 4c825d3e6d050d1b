using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Domain.Tests.Volunteering;

internal static class Shifts
{
    /// <summary>Saturday 9:00–11:00 (UTC+8): 图书馆整理书架.</summary>
    public static readonly DateTimeOffset Start = new(2025, 9, 6, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset End = Start.AddHours(2);
    public static readonly DateTimeOffset Before = Start.AddDays(-1);

    public static VolunteerShift New(int capacity = 2) =>
        VolunteerShift.Create("图书馆整理书架", "图书馆三楼", Start, End, capacity, Before.AddDays(-1));

    public static ShiftSignup Claim(this VolunteerShift shift, string volunteer, DateTimeOffset? now = null) =>
        shift.Claim(volunteer, now ?? Before, []);
}
