namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>What the 报修 dialog says (Simplified Chinese, short and friendly), in one place.</summary>
internal static class RepairTexts
{
    public const string CategoryPrompt = "好的，我们来报修～请问是哪类问题？回复数字：";

    public const string SubcategoryPrompt = "具体是哪一项？回复数字：";

    public const string CategoryHelp = "回复列表前的数字选择问题类别，也可以直接回复类别名称，例如“水龙头”。";

    public const string CategoryGone = "这个类别暂时不可用了，请回复“返回”重新选择。";

    public const string LocationPrompt = "请告诉我报修地点：楼栋和房间号，例如“东区1号楼302”。也可以直接发送微信位置。";

    public const string LocationHelp = "写清楼栋和房间号，例如“东区1号楼302”“西区2栋115”“一食堂”；在户外可以直接发送位置；设备上贴有编号的，回复“设备”加编号，例如“设备AC-0001”，或直接扫设备上的二维码。";

    public const string LocationMissing = "没看清地点哦。";

    public const string LocationPickPrompt = "找到了几栋相近的楼，是哪一栋？回复数字：";

    public const string LocationPickNone = "都不是的话，请回复“返回”重新填写地点。";

    public const string LocationPickHelp = "回复列表前的数字选择楼栋；都不对就回复“返回”重新填写。";

    public const string DescriptionPrompt = "请简单描述一下问题（500字以内），例如：水龙头一直滴水，关不紧。";

    public const string DescriptionHelp = "说清楚哪里坏了、什么情况、从什么时候开始，维修师傅可以提前准备工具和配件。";

    public const string DescriptionMissing = "请用文字描述一下遇到的问题。";

    public const string DescriptionBeforePhoto = "先用文字描述一下问题吧，下一步就可以发照片了。";

    public const string PhotoHelp = "直接在对话框发送图片即可，最多3张；没有照片回复“跳过”，发完回复“好了”。";

    public const string PhotoReceived = "照片收到啦。";

    public const string PhotoExpected = "请发送照片，或回复“跳过”进入下一步。";

    public const string ConfirmHelp = "核对无误后回复“确认”提交；需要修改请回复“返回”逐步修改，回复“取消”放弃本次报修。";

    public const string ConfirmExpected = "请回复“确认”提交，或回复“返回”修改。";

    public const string DraftIncomplete = "报修信息不完整，我们从类别开始重新确认一下。";

    public const string FixWithBack = "\n请回复“返回”修改后再提交。";

    public const string ResumeHelp = "回复1继续填写上次没写完的报修，回复2重新开始，回复“取消”放弃。";

    public const string ResumeChoices = "请回复1继续，或回复2重新开始。";

    public const string Resumed = "好的，我们接着填写。";

    public const string JustStarted = "刚开始填写";

    public static string Chosen(string category) => $"已选择：{category}";

    public static string LocationTooLong(int max) => $"地点写得有点长，请控制在{max}字以内，例如“东区1号楼302”。";

    public static string AssetRecognised(string kind, string code, string place) =>
        $"已识别设备：{kind}（编号{code}），位置：{place}。";

    public static string AssetUnknown(string code) =>
        $"没有找到编号为“{code}”的设备，请核对设备上的编号，或直接告诉我楼栋和房间号。";

    public static string AssetScanUnknown(string code) =>
        $"没有找到二维码上的设备（{code}），可能已报废或未登记。请按步骤报修：";

    public static string LocationRecognised(string place) => $"地点：{place}（不对的话回复“返回”重新填写）";

    public static string LocationUnknown(string text) =>
        $"暂时没有匹配到“{ChatText.Shorten(text, 30)}”，我们先按您填写的地点记录，工作人员会核实。";

    public static string LocationShared(string label) => $"已收到位置：{label}";

    public static string DescriptionTooLong(int length, int max) => $"描述有点长（{length}字），请精简到{max}字以内。";

    public static string PhotoPrompt(int count, int max) => count == 0
        ? $"如果方便，请发送故障照片（最多{max}张）；没有照片请回复“跳过”。"
        : $"已收到{count}张照片，还可以再发{max - count}张；发完请回复“好了”。";

    public static string PhotosFull(int max) => $"已收到{max}张照片。";

    public static string Summary(string category, string place, string description, int photos) =>
        $"类别：{category}\n地点：{place}\n描述：{description}\n照片：{(photos == 0 ? "无" : photos + "张")}";

    public static string ConfirmPrompt(string summary) => $"请核对报修信息：\n{summary}\n无误请回复“确认”提交。";

    public static string ResumePrompt(string summary) => $"您有一份未完成的报修（{summary}），回复1继续，回复2重新开始。";

    public static string Submitted(OpenRepairTicketResult result, string category, string place)
    {
        var respond = Hours(result.ResponseDueAt - result.OpenedAt);
        var resolve = Hours(result.ResolveDueAt - result.OpenedAt);
        var duplicate = result.DuplicateOfNumber is { } original ? Duplicate(original) + "\n" : "";
        return $"报修已提交！单号：{result.Number}\n{category} · {place}\n{duplicate}" +
            $"我们会在{respond}小时内安排维修人员响应，一般{resolve}小时内修好。\n" +
            "随时回复“我的报修”可查看进度。";
    }

    /// <summary>The same fault at the same place is already open: the new report is linked to it.</summary>
    public static string Duplicate(string originalNumber) => $"该位置的同类问题已有报修单 {originalNumber} 正在处理，我们会一并跟进。";

    private static string Hours(TimeSpan span) => Math.Round(span.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
