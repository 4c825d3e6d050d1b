using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>The filer takes back a request still under way (撤回); anyone else's request is not found.</summary>
public sealed record WithdrawDepartmentRequestCommand(string FiledBy, string Request) : ICommand<DepartmentRequestDecision>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => DepartmentRequestAccess.Validate(nameof(FiledBy), FiledBy, Request);
}

public sealed class WithdrawDepartmentRequestCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<WithdrawDepartmentRequestCommand, DepartmentRequestDecision>
{
    public async ValueTask<DepartmentRequestDecision> Handle(WithdrawDepartmentRequestCommand command, CancellationToken ct)
    {
        var request = await DepartmentRequestAccess.RequestAsync(db, command.Request, ct);
        request.Withdraw(command.FiledBy, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("department_request.busy", "这条申报刚刚被审批，请刷新后再看。");
        }

        return DecideDepartmentRequest.ResultOf(request);
    }
}
