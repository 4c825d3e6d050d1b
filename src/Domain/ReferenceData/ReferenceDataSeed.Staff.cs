using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.ReferenceData;

/// <summary>The maintenance teams, one routing rule per top-level category plus a default, and the demo staff.</summary>
public static partial class ReferenceDataSeed
{
    /// <summary>The catch-all team: the default rule sends "其他" and anything unmatched here.</summary>
    public const string GeneralTeam = "GENERAL";

    private static readonly (string Code, string Name, string[] Categories)[] Teams =
    [
        ("WATER-ELEC", "水电班", ["WATER", "ELEC"]),
        ("CARPENTRY", "木工班", ["FURN"]),
        ("NETWORK", "网络组", ["NET"]),
        ("AC", "空调组", ["AC"]),
        (GeneralTeam, "综合维修班", []),
    ];

    /// <summary>
    /// The members behind the demo accounts of the root appsettings.json (<c>Auth:StaffAccounts</c>): the staff API
    /// takes a member's role from this table, so every configured login needs its row.
    /// </summary>
    private static readonly (string UserId, string Name, string EmployeeNo, StaffRole Role, string? Team)[] DemoStaff =
    [
        ("demo-staff", "后勤办演示账号", "A0001", StaffRole.Admin, null),
    ];

    public static IReadOnlyList<Team> CreateTeams() => [.. Teams.Select(t => Team.Create(t.Name, TeamId(t.Code)))];

    /// <summary>Top-level categories to their team (a top-level rule covers its leaves), and the default rule.</summary>
    public static IReadOnlyList<RoutingRule> CreateRoutingRules() =>
    [
        .. Teams.SelectMany(t => t.Categories.Select(category =>
            RoutingRule.Create(null, CategoryId(category), TeamId(t.Code), RoutingRuleId(category)))),
        RoutingRule.Create(null, null, TeamId(GeneralTeam), RoutingRuleId("default")),
    ];

    public static IReadOnlyList<StaffMember> CreateStaffMembers() =>
    [
        .. DemoStaff.Select(s => StaffMember.Create(s.UserId, s.Name, s.EmployeeNo, s.Role, s.Team is null ? null : TeamId(s.Team))),
    ];

    public static Guid TeamId(string code) => DeterministicGuid.Create("team:" + code);

    public static Guid RoutingRuleId(string name) => DeterministicGuid.Create("routing:" + name);
}
