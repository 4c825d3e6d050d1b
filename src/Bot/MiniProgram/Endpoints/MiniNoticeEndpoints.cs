using WechatLogistics.Bot.Http;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Domain.Notifications;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>Announcements, the in-app inbox, and the subscribe-message consents the mini-program collected.</summary>
public static class MiniNoticeEndpoints
{
    public const int MaxConsentChoices = 20;

    public static RouteGroupBuilder MapMiniNoticeEndpoints(this RouteGroupBuilder student)
    {
        var notices = student.MapGroup("").WithTags("Mini program: notices");
        notices.MapGet("/announcements", async Task<Ok<MiniPage<MyAnnouncement>>> ([AsParameters] Paging paging, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var page = await sender.Send(new ListMyAnnouncementsQuery(MiniTokens.OpenIdOf(user), paging.PageOrFirst, paging.SizeOrDefault), ct);
            return TypedResults.Ok(new MiniPage<MyAnnouncement>(page.Page, page.PageSize, page.Total, page.Items));
        }).WithSummary("Announcements for me, newest first");
        notices.MapPost("/announcements/{id:guid}/read", async Task<NoContent> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new MarkAnnouncementReadCommand(MiniTokens.OpenIdOf(user), id), ct);
            return TypedResults.NoContent();
        }).WithSummary("Mark an announcement read");
        notices.MapGet("/inbox", async Task<Ok<MiniInbox>> ([AsParameters] Paging paging, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var page = await sender.Send(new ListMyInboxQuery(MiniTokens.OpenIdOf(user), paging.PageOrFirst, paging.SizeOrDefault), ct);
            return TypedResults.Ok(new MiniInbox(page.Page, page.PageSize, page.Total, page.Items, page.Unread));
        }).WithSummary("My notifications, newest first");
        notices.MapPost("/inbox/{id:guid}/read", async Task<NoContent> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new MarkInboxMessageReadCommand(MiniTokens.OpenIdOf(user), id), ct);
            return TypedResults.NoContent();
        }).WithSummary("Mark a notification read");
        notices.MapPost("/subscribe-consents", RecordConsentAsync)
            .WithSummary("Record the answers to wx.requestSubscribeMessage")
            .WithExample(new MiniConsentRequest([new SubscribeConsentChoice("tmpl-repair-progress", true)]), null);
        return student;
    }

    private static async Task<NoContent> RecordConsentAsync(MiniConsentRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var choices = body.Choices ?? [];
        if (choices.Count is 0 or > MaxConsentChoices
            || choices.Any(c => string.IsNullOrWhiteSpace(c?.TemplateId) || c.TemplateId.Length > SubscribeConsent.MaxTemplateIdLength))
        {
            throw new ValidationException([new ValidationError("choices", $"请提供1到{MaxConsentChoices}个有效的模板选择。")]);
        }

        await sender.Send(new RecordSubscribeConsentCommand(MiniTokens.OpenIdOf(user), choices), ct);
        return TypedResults.NoContent();
    }
}

public sealed record MiniConsentRequest(IReadOnlyList<SubscribeConsentChoice>? Choices);

/// <summary>The paging shape plus how many notifications are unread.</summary>
public sealed record MiniInbox(int Page, int PageSize, int Total, IReadOnlyList<InboxItem> Items, int Unread);
