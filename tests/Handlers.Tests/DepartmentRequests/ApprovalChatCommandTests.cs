using WechatLogistics.Handlers.DepartmentRequests.Chat;

namespace WechatLogistics.Handlers.Tests.DepartmentRequests;

public sealed class ApprovalChatCommandTests
{
    [Theory]
    [InlineData("审批 D20261128-0003 同意", "D20261128-0003", true, null)]
    [InlineData("审批D20261128-0003 通过 情况属实", "D20261128-0003", true, "情况属实")]
    [InlineData("审批 d20261128-0003 驳回 请补充报价单 和图纸", "D20261128-0003", false, "请补充报价单 和图纸")]
    [InlineData("审批 D20261128-0003 不同意 超预算", "D20261128-0003", false, "超预算")]
    public void Decisions_AreRead(string line, string number, bool approve, string? comment)
    {
        var command = ApprovalChatCommand.Parse(line);

        Assert.Equal(new ApprovalChatCommand(false, number, approve, comment), command);
    }

    [Theory]
    [InlineData("审批", "请发送“审批 D单号 同意”")]
    [InlineData("审批 R20261128-0003 同意", "请发送“审批 D单号 同意”")]
    [InlineData("审批 D20261128-0003", "请发送“审批 D单号 同意”")]
    [InlineData("审批 D20261128-0003 好的", "请发送“审批 D单号 同意”")]
    [InlineData("审批 D20261128-0003 驳回", "驳回请写明意见，例如：审批 D20261128-0003 驳回")]
    public void IncompleteLines_SayHowToWriteThem(string line, string problemStart)
    {
        Assert.StartsWith(problemStart, ApprovalChatCommand.Parse(line)!.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("待审批", true)]
    [InlineData("接单 R20261128-0003", false)]
    [InlineData("我的工单", false)]
    public void OtherLines_AreLeftToTheTicketCommands(string line, bool isApprovalList)
    {
        var command = ApprovalChatCommand.Parse(line);

        Assert.Equal(isApprovalList, command is { IsList: true });
        Assert.Equal(isApprovalList, command is not null);
    }
}
