namespace WechatLogistics.Handlers.StaffChat;

/// <summary>What the WeCom app chat says to staff (Simplified Chinese, short: it is read on a phone between jobs).</summary>
public static class StaffChatTexts
{
    public const string Help =
        "后勤工单助手，可发送：\n" +
        "我的工单 — 派给我的工单\n" +
        "待派 — 待派工单（调度）\n" +
        "接单 R单号\n" +
        "开始 R单号\n" +
        "完成 R单号 维修说明\n" +
        "退单 R单号 原因\n" +
        "转派 R单号 工号（调度）\n" +
        "驳回 R单号 原因（调度）\n" +
        "公告 内容（管理员）\n" +
        "任务 — 我的应急预案任务\n" +
        "完成任务 序号 备注\n" +
        "待审批 — 待我审批的部门申报\n" +
        "审批 D单号 同意|驳回 意见\n" +
        "直接发单号可查看详情。";

    public const string Unknown = "没看懂这条指令。发送“帮助”查看可用指令。";

    public const string AdminsOnly = "只有管理员可以发布公告。";

    public const string DefaultAnnouncementTitle = "后勤通知";

    public const string NoneMine = "你手上暂时没有进行中的工单。";

    public const string NoneUnassigned = "暂时没有待派工单。";

    public const string NoPlanTasks = "你暂时没有待办的应急预案任务。";

    public const string NeedsTaskNumber = "请写明任务序号，例如：完成任务 2 已关闭总阀";

    public static string Announced(int recipients) => $"公告已发布，将发送给{recipients}位同学。";

    public static string More(int hidden) => $"……还有{hidden}张，请在后勤管理后台查看。";

    public static string NeedsTicket(string verb) => $"请带上单号，例如：{verb} R20261127-0042";

    public static string NeedsArgument(string verb, bool withTicket, string what) =>
        withTicket ? $"请写明{what}，例如：{verb} R20261127-0042 {Example(what)}" : $"请写明{what}，例如：{verb} {Example(what)}";

    private static string Example(string what) => what switch
    {
        "工号" => "1024",
        "公告内容" => "今晚22:00东区停水",
        "任务序号" => "2 已关闭总阀",
        _ => "不属于水电维修",
    };
}
