using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Notifications;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>A user answered the subscribe-notification popup or changed the setting: one entry per template.</summary>
public sealed record RecordSubscribeConsentCommand(string OpenId, IReadOnlyList<SubscribeConsentChoice> Choices) : ICommand;

public sealed record SubscribeConsentChoice(string TemplateId, bool Accepted);

/// <summary>Each "accept" adds one credit (one send); a "reject" takes them all back (PROTOCOL §4.6).</summary>
public sealed class RecordSubscribeConsentCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<RecordSubscribeConsentCommand>
{
    public async ValueTask<Unit> Handle(RecordSubscribeConsentCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var templates = command.Choices.Select(c => c.TemplateId).Distinct().ToList();
        var existing = await db.SubscribeConsents
            .Where(c => c.OpenId == command.OpenId && templates.Contains(c.TemplateId))
            .ToDictionaryAsync(c => c.TemplateId, StringComparer.Ordinal, ct);
        foreach (var choice in command.Choices.Where(c => c.TemplateId.Length <= SubscribeConsent.MaxTemplateIdLength))
        {
            if (!existing.TryGetValue(choice.TemplateId, out var consent))
            {
                consent = new SubscribeConsent(command.OpenId, choice.TemplateId);
                db.SubscribeConsents.Add(consent);
                existing[choice.TemplateId] = consent;
            }

            if (choice.Accepted)
            {
                consent.Accept(now);
            }
            else
            {
                consent.Reject(now);
            }
        }

        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
