using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.ReferenceData;

/// <summary>
/// The starting emergency plans (应急预案): 停水 and 停电 start for incidents of 水 and 电, 供暖故障 for 空调 (the
/// heating trade here); 漏水/内涝 is picked by staff. A step without a team is for the team the incident routes to.
/// </summary>
public static partial class ReferenceDataSeed
{
    private static readonly (string Code, string Name, string Kind, string? Category, string NoticeTitle, string NoticeBody, PlanStep[] Steps)[] Plans =
    [
        ("WATER-OUTAGE", "停水应急预案", "停水", "WATER", "{building}停水通知",
            "因供水管道故障，{building}暂时停水，预计{expected}恢复。维修人员正在抢修，请提前储水、关好水龙头，无需重复报修。",
        [
            new("关闭总阀，排查故障点", StaffRole.Worker, null, 30),
            new("通知住户，设置临时供水点", StaffRole.Dispatcher, null, 30),
            new("联系供水公司", StaffRole.Admin, null, 60),
            new("恢复后检查水压和水质", StaffRole.Worker, null, null),
            new("回访住户", StaffRole.Dispatcher, null, 24 * 60),
        ]),
        ("POWER-OUTAGE", "停电应急预案", "停电", "ELEC", "{building}停电通知",
            "{building}因线路故障停电，预计{expected}恢复。请关闭大功率电器，注意用电安全，无需重复报修。",
        [
            new("排查配电箱和跳闸原因", StaffRole.Worker, null, 30),
            new("通知住户，提醒关闭大功率电器", StaffRole.Dispatcher, null, 30),
            new("联系供电公司", StaffRole.Admin, null, 60),
            new("恢复供电后逐层检查", StaffRole.Worker, null, null),
            new("回访住户", StaffRole.Dispatcher, null, 24 * 60),
        ]),
        ("HEATING-FAILURE", "供暖故障应急预案", "供暖故障", "AC", "{building}供暖故障通知",
            "{building}供暖设备出现故障，预计{expected}恢复。维修人员正在处理，请注意保暖，需要取暖物资可联系宿管。",
        [
            new("检查供暖设备和管路", StaffRole.Worker, null, 60),
            new("通知住户，发放取暖物资", StaffRole.Dispatcher, null, 60),
            new("联系供暖单位", StaffRole.Admin, null, 120),
            new("恢复后抽查室温", StaffRole.Worker, null, null),
        ]),
        ("FLOODING", "漏水内涝应急预案", "漏水/内涝", null, "{building}漏水紧急通知",
            "{building}发生漏水，维修人员正在抢修，预计{expected}处理完毕。请勿靠近积水区域和电器插座，贵重物品请移至高处。",
        [
            new("关闭进水阀门，切断积水区域电源", StaffRole.Worker, TeamId("WATER-ELEC"), 15),
            new("转移物品，设置警示标志", StaffRole.Dispatcher, null, 30),
            new("抽水排涝", StaffRole.Worker, TeamId(GeneralTeam), 60),
            new("检查线路安全后恢复供电", StaffRole.Worker, TeamId("WATER-ELEC"), null),
            new("统计损失并回访住户", StaffRole.Admin, null, 24 * 60),
        ]),
    ];

    public static IReadOnlyList<PlanTemplate> CreatePlanTemplates() =>
    [
        .. Plans.Select(p => PlanTemplate.Create(
            p.Code, p.Name, p.Kind, p.Category is null ? null : CategoryId(p.Category), false, p.NoticeTitle, p.NoticeBody, p.Steps, PlanTemplateId(p.Code))),
    ];

    public static Guid PlanTemplateId(string code) => DeterministicGuid.Create("plan:" + code);
}
