using Microsoft.Extensions.Options;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>
/// Department requests, section <c>DepartmentRequests</c>: the approval chain (ordered steps; each names its approvers by
/// staff role and/or WeCom UserIds, and may apply only from a minimum cost) and the repair category an approved
/// maintenance request's ticket gets. Checked at start by <see cref="DepartmentRequestOptionsValidator"/>.
/// </summary>
public sealed class DepartmentRequestOptions
{
    public const string Section = "DepartmentRequests";

    public List<ApprovalStepOptions> Chain { get; set; } = [];

    /// <summary>The code of the (leaf) repair category for tickets made from approved maintenance requests.</summary>
    public string MaintenanceCategory { get; set; } = "OTHER";

    public IReadOnlyList<ApprovalStepRule> Rules =>
    [
        .. Chain.Select(s => new ApprovalStepRule(
            s.Name.Trim(),
            Enum.TryParse<StaffRole>(s.Role, ignoreCase: true, out var role) ? role : null,
            s.ApproverIds,
            s.MinCost)),
    ];
}

public sealed class ApprovalStepOptions
{
    public string Name { get; set; } = "";

    /// <summary><c>Worker</c>, <c>Dispatcher</c> or <c>Admin</c>; empty when the step names its approvers only.</summary>
    public string? Role { get; set; }

    /// <summary>WeCom UserIds, <c>|</c>-separated.</summary>
    public string UserIds { get; set; } = "";

    /// <summary>The step applies to requests whose estimated cost is at least this (yuan); null: to every request.</summary>
    public decimal? MinCost { get; set; }

    public IReadOnlyList<string> ApproverIds => UserIds.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A chain that could leave a request without approvers, or a step nobody can decide, stops the start.</summary>
public sealed class DepartmentRequestOptionsValidator : IValidateOptions<DepartmentRequestOptions>
{
    public ValidateOptionsResult Validate(string? name, DepartmentRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Chain.Count == 0)
        {
            failures.Add("DepartmentRequests:Chain needs at least one step.");
        }

        for (var i = 0; i < options.Chain.Count; i++)
        {
            var step = options.Chain[i];
            var key = $"DepartmentRequests:Chain:{i}";
            if (string.IsNullOrWhiteSpace(step.Name) || step.Name.Trim().Length > 30)
            {
                failures.Add($"{key}:Name needs 1 to 30 characters.");
            }

            var hasRole = !string.IsNullOrWhiteSpace(step.Role);
            if (hasRole && !(Enum.TryParse<StaffRole>(step.Role, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(step.Role, out _)))
            {
                failures.Add($"{key}:Role must be Worker, Dispatcher or Admin.");
            }

            if (!hasRole && step.ApproverIds.Count == 0)
            {
                failures.Add($"{key} needs a Role or UserIds.");
            }

            if (step.MinCost is < 0)
            {
                failures.Add($"{key}:MinCost may not be negative.");
            }
        }

        if (options.Chain.Count > 0 && options.Chain.All(s => s.MinCost is > 0))
        {
            failures.Add("DepartmentRequests:Chain needs a step without MinCost (or 0) so every request has an approver.");
        }

        if (string.IsNullOrWhiteSpace(options.MaintenanceCategory))
        {
            failures.Add("DepartmentRequests:MaintenanceCategory is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
