using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.Tests.DepartmentRequests;

/// <summary>The approval chain comes from <c>DepartmentRequests:Chain</c> and a chain that cannot work stops the start.</summary>
public sealed class ApprovalChainConfigurationTests
{
    [Fact]
    public async Task TheRootAppSettingsChain_IsLoaded()
    {
        await using var host = new BotFactory();

        var rules = host.Services.GetRequiredService<IOptions<DepartmentRequestOptions>>().Value.Rules;

        Assert.Equal(
            [("后勤办科员审核", (StaffRole?)StaffRole.Dispatcher, (decimal?)null), ("后勤办主任审批", StaffRole.Admin, 5000m)],
            rules.Select(r => (r.Name, r.Role, r.MinCost)));
    }

    [Theory]
    [InlineData("DepartmentRequests:Chain:0:Role", "clerk", "DepartmentRequests:Chain:0:Role must be Worker, Dispatcher or Admin.")]
    [InlineData("DepartmentRequests:Chain:1:MinCost", "-1", "DepartmentRequests:Chain:1:MinCost may not be negative.")]
    [InlineData("DepartmentRequests:Chain:0:Name", " ", "DepartmentRequests:Chain:0:Name needs 1 to 30 characters.")]
    [InlineData("DepartmentRequests:Chain:0:MinCost", "100", "needs a step without MinCost (or 0) so every request has an approver")]
    [InlineData("DepartmentRequests:MaintenanceCategory", " ", "DepartmentRequests:MaintenanceCategory is required.")]
    public async Task ABrokenChain_StopsTheStart_NamingTheKey(string key, string value, string message)
    {
        var failure = await StartupValidation.StartFailureAsync(key, value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStepWithoutApprovers_StopsTheStart()
    {
        var failure = await StartupValidation.StartFailureAsync(new Dictionary<string, string>
        {
            ["DepartmentRequests:Chain:0:Role"] = "",
            ["DepartmentRequests:Chain:0:UserIds"] = " | ",
        });

        Assert.Contains("DepartmentRequests:Chain:0 needs a Role or UserIds.", failure.Message, StringComparison.Ordinal);
    }
}
