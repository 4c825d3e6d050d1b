using WechatLogistics.Bot.Http;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Feedbacks;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>Feedback (评价) and volunteer shifts (志愿值班) for the signed-in student.</summary>
public static class MiniServiceEndpoints
{
    public static RouteGroupBuilder MapMiniServiceEndpoints(this RouteGroupBuilder student)
    {
        var feedback = student.MapGroup("/feedback").WithTags("Mini program: feedback");
        feedback.MapPost("/", SubmitFeedbackAsync)
            .WithIdempotencyKey()
            .WithSummary("Rate a service 1–5 stars (a low score needs a reason)")
            .WithExample(MiniExamples.Feedback, new SubmitFeedbackResult(Guid.Parse("0196f0a4-7c1e-7b7e-9a55-3c2d1e0f4a5b"), MiniExamples.At, false));
        feedback.MapGet("/", async Task<Ok<MiniPage<MyFeedback>>> ([AsParameters] Paging paging, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var page = await sender.Send(new ListMyFeedbackQuery(MiniTokens.OpenIdOf(user), paging.PageOrFirst, paging.SizeOrDefault), ct);
            return TypedResults.Ok(new MiniPage<MyFeedback>(page.Page, page.PageSize, page.TotalCount, page.Items));
        }).WithSummary("My feedback, newest first");

        var shifts = student.MapGroup("/shifts").WithTags("Mini program: volunteering");
        shifts.MapGet("/", async Task<Ok<MiniPage<OpenShift>>> ([AsParameters] Paging paging, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var query = new ListOpenShiftsQuery(paging.PageOrFirst, paging.SizeOrDefault) { VolunteerOpenId = MiniTokens.OpenIdOf(user) };
            var page = await sender.Send(query, ct);
            return TypedResults.Ok(new MiniPage<OpenShift>(page.Page, page.PageSize, page.TotalCount, page.Items));
        }).WithSummary("Open shifts with the places left");
        shifts.MapGet("/mine", MyShiftsAsync).WithSummary("My signups and volunteer hours");
        shifts.MapPost("/{id:guid}/claim", async Task<Ok<ClaimShiftResult>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ClaimShiftCommand(MiniTokens.OpenIdOf(user), id), ct)))
            .WithSummary("Take a place (or a waitlist place when full)");
        shifts.MapPost("/{id:guid}/cancel", async Task<Ok<MiniShiftCancelled>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new CancelShiftSignupCommand(MiniTokens.OpenIdOf(user), id), ct);
            return TypedResults.Ok(new MiniShiftCancelled(result.ShiftId, result.PreviousStatus));
        }).WithSummary("Give up my place before the start");
        shifts.MapPost("/{id:guid}/check-in", async Task<Ok<CheckInShiftResult>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CheckInShiftCommand(MiniTokens.OpenIdOf(user), id), ct)))
            .WithSummary("Check in (from 15 minutes before the start)");
        return student;
    }

    private static async Task<Results<Created<SubmitFeedbackResult>, Ok<SubmitFeedbackResult>>> SubmitFeedbackAsync(
        MiniFeedbackRequest body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var openId = MiniTokens.OpenIdOf(user);
        // The key becomes the feedback's id, scoped to the student: nobody else's key can collide with it.
        var requestId = IdempotencyKey.From(request) is { } key ? DeterministicGuid.Create($"mini-feedback:{openId}:{key}") : (Guid?)null;
        var command = new SubmitFeedbackCommand(openId, body.Subject, body.PlaceName, body.Stars, body.Text, body.Anonymous) { RequestId = requestId };
        var result = await sender.Send(command, ct);
        return result.AlreadySubmitted ? TypedResults.Ok(result) : TypedResults.Created($"/api/mini/feedback/{result.FeedbackId}", result);
    }

    private static async Task<Ok<MiniMyShifts>> MyShiftsAsync([AsParameters] Paging paging, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var mine = await sender.Send(new ListMyShiftsQuery(MiniTokens.OpenIdOf(user)), ct);
        var (page, size) = (Math.Max(paging.PageOrFirst, 1), Math.Clamp(paging.SizeOrDefault, 1, ListOpenShiftsQuery.MaxPageSize));
        return TypedResults.Ok(new MiniMyShifts(page, size, mine.Items.Count, [.. mine.Items.Skip((page - 1) * size).Take(size)], mine.TotalHours));
    }
}

public sealed record MiniFeedbackRequest(FeedbackSubject Subject, string? PlaceName, int Stars, string? Text, bool Anonymous);

/// <summary>The paging shape plus the hours credited over all completed shifts (志愿时长).</summary>
public sealed record MiniMyShifts(int Page, int PageSize, int Total, IReadOnlyList<MyShift> Items, decimal TotalHours);

/// <summary>Cancel's answer, without who was promoted from the waitlist (another student's OpenId).</summary>
public sealed record MiniShiftCancelled(Guid ShiftId, Domain.Volunteering.SignupStatus PreviousStatus);
