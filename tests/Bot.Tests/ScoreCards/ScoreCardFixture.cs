using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Tests.ScoreCards;

/// <summary>
/// Tickets whose score cards are worked out by hand in <see cref="ScoreCardTests"/>. All Normal priority: response due 8 h,
/// resolution due 24 h after the report. T0 = 2026-03-02 10:00 campus; the period is the campus days 03-02 … 03-08
/// (to = 03-09); the clock then stands at 03-20.
/// <code>
/// ticket team   worker  opened  first response  resolved (from report)              closed   rating
/// A1     水电班 w1      T0      1 h    met      4 h   met                           T0+5h    5
/// A2     水电班 w1      T0+1h   2 h    met      30 h  breached (reopened once)      T0+33h   1  ← complaint
/// A3     水电班 w2      T0+2h   9 h    breached 20 h  met                           T0+23h   4
/// A4     水电班 w2      T0+3h   1 h    met      6 h   met                           — (Resolved, not confirmed)
/// B1     网络组 w3      T0+4h   30 min met      2 h   met                           T0+7h    2  ← complaint
/// B2     网络组 —       T0+5h   never: breached; never resolved: breached (both due before the period's end)
/// </code>
/// </summary>
internal static class ScoreCardFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly From = new(2026, 3, 2);
    public static readonly DateOnly To = new(2026, 3, 9);
    public static readonly DateTimeOffset Now = new(2026, 3, 20, 4, 0, 0, TimeSpan.Zero);

    /// <summary>Weights 30/20/10/20/10/10 with targets: SLA 90 %, median 720 min, rework 10 %, 4.5 stars, 2 complaints, 4 closed.</summary>
    public static Dictionary<string, string?> Indicators => new()
    {
        ["ScoreCards:Indicators:0:Indicator"] = "SlaCompliance", ["ScoreCards:Indicators:0:Weight"] = "30", ["ScoreCards:Indicators:0:Target"] = "90",
        ["ScoreCards:Indicators:1:Indicator"] = "MedianResolutionMinutes", ["ScoreCards:Indicators:1:Weight"] = "20", ["ScoreCards:Indicators:1:Target"] = "720",
        ["ScoreCards:Indicators:2:Indicator"] = "ReworkRate", ["ScoreCards:Indicators:2:Weight"] = "10", ["ScoreCards:Indicators:2:Target"] = "10",
        ["ScoreCards:Indicators:3:Indicator"] = "Satisfaction", ["ScoreCards:Indicators:3:Weight"] = "20", ["ScoreCards:Indicators:3:Target"] = "4.5",
        ["ScoreCards:Indicators:4:Indicator"] = "Complaints", ["ScoreCards:Indicators:4:Weight"] = "10", ["ScoreCards:Indicators:4:Target"] = "2",
        ["ScoreCards:Indicators:5:Indicator"] = "TicketsClosed", ["ScoreCards:Indicators:5:Weight"] = "10", ["ScoreCards:Indicators:5:Target"] = "4",
    };

    /// <returns>The ids of A4 and B2, which the late-data test changes after locking.</returns>
    public static async Task<(Guid A4, Guid B2)> SeedAsync(StaffDesk desk)
    {
        var dispatcher = Actor.Staff("dispatcher");
        var a1 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-a1", T0);
        var a2 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-a2", T0.AddHours(1));
        var a3 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-a3", T0.AddHours(2));
        var a4 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-a4", T0.AddHours(3));
        var b1 = await desk.OpenAsync("NET-DOWN", "E-D01", "o-b1", T0.AddHours(4));
        var b2 = await desk.OpenAsync("NET-DOWN", "E-D01", "o-b2", T0.AddHours(5));

        await desk.ActAsync(a1, t => StaffDesk.Repair(t, "w1", dispatcher, T0, accept: 1, resolve: 4));
        await desk.ActAsync(a1, t => t.Confirm("o-a1", 5, null, T0.AddHours(5)));
        await desk.ActAsync(a2, t => StaffDesk.Repair(t, "w1", dispatcher, T0.AddHours(1), accept: 2, resolve: 10));
        await desk.ActAsync(a2, t => t.Reopen("o-a2", "还是不行", T0.AddHours(12)));
        await desk.ActAsync(a2, t => StaffDesk.Repair(t, "w1", dispatcher, T0.AddHours(1), accept: 12, resolve: 30));
        await desk.ActAsync(a2, t => t.Confirm("o-a2", 1, "修了两次还慢", T0.AddHours(33)));
        await desk.ActAsync(a3, t => StaffDesk.Repair(t, "w2", dispatcher, T0.AddHours(2), accept: 9, resolve: 20));
        await desk.ActAsync(a3, t => t.Confirm("o-a3", 4, null, T0.AddHours(23)));
        await desk.ActAsync(a4, t => StaffDesk.Repair(t, "w2", dispatcher, T0.AddHours(3), accept: 1, resolve: 6));
        await desk.ActAsync(b1, t => StaffDesk.Repair(t, "w3", dispatcher, T0.AddHours(4), accept: 0.5, resolve: 2));
        await desk.ActAsync(b1, t => t.Confirm("o-b1", 2, "太慢", T0.AddHours(7)));
        desk.Clock.SetUtcNow(Now);
        return (a4, b2);
    }
}
