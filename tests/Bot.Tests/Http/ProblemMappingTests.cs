using WechatLogistics.Bot.Http;

namespace WechatLogistics.Bot.Tests.Http;

public sealed class ProblemMappingTests
{
    [Theory]
    [InlineData("ticket.invalid_transition", 409)]
    [InlineData("ticket.already_assigned", 409)]
    [InlineData("shift.overlap", 409)]
    [InlineData("shift.closed", 409)]
    [InlineData("ticket.invalid", 422)]
    [InlineData("ticket.invalid_rating", 422)]
    [InlineData("ticket.reason_required", 422)]
    [InlineData("feedback.reason_required", 422)]
    [InlineData("ticket.not_owner", 404)]
    [InlineData("shift.not_found", 404)]
    public void StatusOf_DomainCode_MapsToTheHttpStatusAClientExpects(string code, int status) =>
        Assert.Equal(status, ProblemMapping.StatusOf(code));
}
