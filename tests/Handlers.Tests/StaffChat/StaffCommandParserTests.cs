using WechatLogistics.Handlers.StaffChat;

namespace WechatLogistics.Handlers.Tests.StaffChat;

public class StaffCommandParserTests
{
    private const string Number = "R20261127-0042";

    [Theory]
    [InlineData("接单 R20261127-0042", StaffVerb.Accept)]
    [InlineData("接 R20261127-0042", StaffVerb.Accept)]
    [InlineData("接单R20261127-0042", StaffVerb.Accept)]
    [InlineData("  接单　r20261127-0042 ", StaffVerb.Accept)]
    [InlineData("开始 R20261127-0042", StaffVerb.Start)]
    [InlineData("开工 R20261127-0042", StaffVerb.Start)]
    [InlineData("完成 R20261127-0042", StaffVerb.Resolve)]
    [InlineData("完 R20261127-0042", StaffVerb.Resolve)]
    [InlineData("查 R20261127-0042", StaffVerb.Detail)]
    [InlineData("R20261127-0042", StaffVerb.Detail)]
    [InlineData("接单 Ｒ２０２６１１２７-００４２", StaffVerb.Accept)]
    public void TicketVerbs_ReadTheVerbAndTheNumber(string line, StaffVerb verb)
    {
        var (command, error) = StaffCommandParser.Parse(line);

        Assert.Null(error);
        Assert.Equal(verb, command!.Verb);
        Assert.Equal(Number, command.Ticket!.ToString());
        Assert.Null(command.Argument);
    }

    [Theory]
    [InlineData("完成 R20261127-0042 换了新的水龙头", StaffVerb.Resolve, "换了新的水龙头")]
    [InlineData("退单 R20261127-0042 不是水电问题", StaffVerb.Refuse, "不是水电问题")]
    [InlineData("退 R20261127-0042 不是水电问题", StaffVerb.Refuse, "不是水电问题")]
    [InlineData("驳回 R20261127-0042 重复报修", StaffVerb.Reject, "重复报修")]
    [InlineData("转派 R20261127-0042 1024", StaffVerb.Reassign, "1024")]
    [InlineData("派单 R20261127-0042 1024", StaffVerb.Assign, "1024")]
    public void Arguments_AreTheRestOfTheLine(string line, StaffVerb verb, string argument)
    {
        var (command, error) = StaffCommandParser.Parse(line);

        Assert.Null(error);
        Assert.Equal(new StaffCommand(verb, command!.Ticket, argument), command);
        Assert.Equal(Number, command.Ticket!.ToString());
    }

    [Theory]
    [InlineData("我的工单", StaffVerb.MyTickets)]
    [InlineData("我的", StaffVerb.MyTickets)]
    [InlineData("待派工单", StaffVerb.Unassigned)]
    [InlineData("待派", StaffVerb.Unassigned)]
    [InlineData("帮助", StaffVerb.Help)]
    [InlineData("help", StaffVerb.Help)]
    [InlineData("？", StaffVerb.Help)]
    [InlineData("任务", StaffVerb.PlanTasks)]
    [InlineData("我的任务", StaffVerb.PlanTasks)]
    public void Lists_AndHelp_NeedNothingElse(string line, StaffVerb verb)
    {
        var (command, error) = StaffCommandParser.Parse(line);

        Assert.Null(error);
        Assert.Equal(new StaffCommand(verb), command);
    }

    [Fact]
    public void Announcement_TakesTheWholeText_EvenWithoutASpace()
    {
        Assert.Equal(new StaffCommand(StaffVerb.Announce, null, "今晚22:00东区停水"), StaffCommandParser.Parse("公告 今晚22:00东区停水").Command);
        Assert.Equal(new StaffCommand(StaffVerb.Announce, null, "今晚停水"), StaffCommandParser.Parse("公告今晚停水").Command);
    }

    [Theory]
    [InlineData("完成任务 2 已关闭总阀", "2 已关闭总阀")]
    [InlineData("完成任务2", "2")]
    [InlineData("完成任务 3", "3")]
    public void CompletePlanTask_IsNotResolve_AndTakesTheNumberAndNote(string line, string argument)
    {
        Assert.Equal(new StaffCommand(StaffVerb.CompletePlanTask, null, argument), StaffCommandParser.Parse(line).Command);
    }

    [Theory]
    [InlineData("完成任务", StaffVerb.CompletePlanTask, "请写明任务序号")]
    [InlineData("接单", StaffVerb.Accept, "请带上单号")]
    [InlineData("接单 42", StaffVerb.Accept, "请带上单号")]
    [InlineData("完成 R20261127-42", StaffVerb.Resolve, "请带上单号")]
    [InlineData("退单 R20261127-0042", StaffVerb.Refuse, "请写明原因")]
    [InlineData("转派 R20261127-0042", StaffVerb.Reassign, "请写明工号")]
    [InlineData("公告", StaffVerb.Announce, "请写明公告内容")]
    public void KnownVerb_MissingAPart_SaysWhatIsMissing(string line, StaffVerb verb, string hint)
    {
        var (command, error) = StaffCommandParser.Parse(line);

        Assert.Null(command);
        Assert.Equal(verb, error!.Verb);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("你好")]
    [InlineData("接着干")]
    [InlineData("我的报修")]
    [InlineData("完蛋了")]
    [InlineData("R20261127-0042 怎么样了")]
    public void AnythingElse_IsUnknown(string line)
    {
        var (command, error) = StaffCommandParser.Parse(line);

        Assert.Null(command);
        Assert.Null(error!.Verb);
        Assert.Equal(StaffChatTexts.Unknown, error.Message);
    }
}
