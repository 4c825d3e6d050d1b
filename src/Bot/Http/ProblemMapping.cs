using Microsoft.AspNetCore.Diagnostics;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Http;

/// <summary>
/// The one place errors become HTTP: validation → 400 with field names, a broken business rule → 409 (wrong state)
/// or 422 (unacceptable input), a student's look at someone else's ticket → 404 (existence is not revealed), staff outside their
/// team or role → 403.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, code, errors) = exception switch
        {
            ValidationException v => (StatusCodes.Status400BadRequest, "请求参数有误", "validation",
                v.Errors.GroupBy(e => FieldName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            DomainException d => (StatusOf(d.Code), d.Message, d.Code, null),
            _ => (0, "", "", null),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var details = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title }
            : new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors) { Status = status, Title = title };
        details.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>Field names as JSON clients write them ("CategoryId" → "categoryId"); header names stay as they are.</summary>
    public static string FieldName(string field) =>
        field.Contains('-', StringComparison.Ordinal) ? field : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field);

    /// <summary>The status for a domain error code such as "ticket.invalid_transition" (area, dot, rule).</summary>
    public static int StatusOf(string code) => code[(code.IndexOf('.', StringComparison.Ordinal) + 1)..] switch
    {
        "not_owner" or "not_found" => StatusCodes.Status404NotFound,
        // Staff acting outside their scope or role: they know the ticket exists (it is in the office's queue).
        "forbidden" or "not_assignee" => StatusCodes.Status403Forbidden,
        "invalid" or "invalid_rating" => StatusCodes.Status422UnprocessableEntity,
        // An Idempotency-Key sent again with a different request (draft-ietf-httpapi-idempotency-key-header: 422).
        "idempotency_mismatch" => StatusCodes.Status422UnprocessableEntity,
        var rule when rule.EndsWith("_required", StringComparison.Ordinal) => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };
}
