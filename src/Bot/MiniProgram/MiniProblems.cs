using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WechatLogistics.Bot.MiniProgram;

/// <summary>The mini-program API's own refusals (the rest go through <see cref="Http.ProblemMapping"/>), in short Chinese.</summary>
public static class MiniProblems
{
    public static ProblemHttpResult Problem(int status, string code, string title) =>
        TypedResults.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>401 with a body the mini-program can show, instead of the bare challenge.</summary>
    public static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = 401, Title = "登录已过期，请重新登录", Extensions = { ["code"] = "mini.unauthorized" } },
        });
    }
}
