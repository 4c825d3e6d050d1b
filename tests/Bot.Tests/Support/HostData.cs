using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>What tests do to a running host's database and Mediator, each in its own DI scope, as a request would.</summary>
public static class HostData
{
    /// <summary>
    /// Host settings for chat tests: the longest reply deadline, so a busy test machine does not turn an answer
    /// into a deferred one.
    /// </summary>
    public static Dictionary<string, string?> ChatSettings(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["WeChat:ReplyDeadlineMilliseconds"] = "4800" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<TResponse> SendAsync<TResponse>(this IServiceProvider services, ICommand<TResponse> command)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public static async Task<TResponse> QueryAsync<TResponse>(this IServiceProvider services, IQuery<TResponse> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    public static async Task<VolunteerShift> AddShiftAsync(
        this IServiceProvider services, DateTimeOffset startsAt, TimeSpan length, int capacity, string title = "测试岗位", string place = "图书馆")
    {
        var shift = VolunteerShift.Create(title, place, startsAt, startsAt + length, capacity, DateTimeOffset.UtcNow);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.VolunteerShifts.Add(shift);
        await db.SaveChangesAsync();
        return shift;
    }

    public static async Task<VolunteerShift> ShiftAsync(this IServiceProvider services, Guid shiftId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().VolunteerShifts.AsNoTracking().SingleAsync(s => s.Id == shiftId);
    }

    public static async Task<List<Feedback>> FeedbackOfAsync(this IServiceProvider services, string author)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Feedbacks.AsNoTracking()
            .Where(f => f.AuthorOpenId == author).ToListAsync();
    }

    /// <summary>An hour boundary <paramref name="hoursAhead"/> from now (whole hours keep shift times readable).</summary>
    /// <summary>
    /// Tomorrow at <paramref name="campusHour"/> o'clock campus time (UTC+8): a shift there never crosses campus midnight,
    /// whatever the hour the test runs at (a shift three hours ahead did in the evening, and its list line changed shape).
    /// </summary>
    public static DateTimeOffset TomorrowOnCampusAt(int campusHour)
    {
        var campus = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        return new DateTimeOffset(campus.Year, campus.Month, campus.Day, campusHour, 0, 0, campus.Offset).AddDays(1);
    }

    public static DateTimeOffset HoursFromNow(int hoursAhead)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(hoursAhead);
    }
}
