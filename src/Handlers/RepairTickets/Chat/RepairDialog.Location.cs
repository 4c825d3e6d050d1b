using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>
/// Place: free text matched against the campus buildings (a unique match is echoed back, several are offered as a
/// numbered list, none is kept as written for staff to check), or a WeChat location message.
/// </summary>
public sealed partial class RepairDialog
{
    private async ValueTask<StepOutcome> HandleLocationAsync(DialogContext context, CancellationToken ct)
    {
        var draft = new RepairDraft(context.Session);
        var directory = await _sender.Send(new ListLocationsQuery(), ct);
        if (context.Input is { Kind: ChatInputKind.Location, Location: { } shared })
        {
            return SharedLocation(draft, directory, shared);
        }

        var text = context.Text;
        if (!ChatText.IsMeaningful(text))
        {
            return StepOutcome.Again(RepairTexts.LocationMissing);
        }

        if (text.Length > RepairTicket.MaxLocationTextLength)
        {
            return StepOutcome.Again(RepairTexts.LocationTooLong(RepairTicket.MaxLocationTextLength));
        }

        if (AssetCodeIn(text) is { } code)
        {
            return await AssetAsync(context, draft, code, ct);
        }

        draft.AssetCode = null;
        var match = directory.Matcher.Match(text);
        draft.Candidates = [];
        draft.Room = null;
        if (match.Building is { } building)
        {
            draft.LocationId = building.Id;
            draft.Place = PlaceName(building, match.RoomText);
            return StepOutcome.Next(DescriptionStep, RepairTexts.LocationRecognised(draft.Place));
        }

        if (match.IsAmbiguous)
        {
            draft.Candidates = [.. match.Candidates.Select(c => c.Id)];
            draft.Room = match.RoomText;
            return StepOutcome.Next(LocationPickStep);
        }

        draft.LocationId = null;
        draft.Place = text;
        return StepOutcome.Next(DescriptionStep, RepairTexts.LocationUnknown(text));
    }

    private static StepOutcome SharedLocation(RepairDraft draft, LocationDirectory directory, ChatLocation shared)
    {
        var label = string.IsNullOrWhiteSpace(shared.Label)
            ? $"位置({shared.Latitude:0.#####},{shared.Longitude:0.#####})"
            : shared.Label.Trim();
        if (label.Length > RepairTicket.MaxLocationTextLength)
        {
            label = label[..RepairTicket.MaxLocationTextLength];
        }

        // The map's label rarely names our buildings, but when it does, link the ticket to it.
        draft.AssetCode = null;
        draft.LocationId = directory.Matcher.Match(label).Building?.Id;
        draft.Place = label;
        draft.Candidates = [];
        return StepOutcome.Next(DescriptionStep, RepairTexts.LocationShared(label));
    }

    private async ValueTask<string> LocationPickPromptAsync(DialogContext context, CancellationToken ct)
    {
        var buildings = await CandidatesAsync(context, ct);
        return RepairTexts.LocationPickPrompt + "\n" + NumberedChoice.Render(buildings, b => b.Name) + "\n" + RepairTexts.LocationPickNone;
    }

    private async ValueTask<StepOutcome> HandleLocationPickAsync(DialogContext context, CancellationToken ct)
    {
        var buildings = await CandidatesAsync(context, ct);
        var chosen = NumberedChoice.Pick(buildings, b => b.Name, context.Text);
        if (chosen is null)
        {
            return StepOutcome.Again(buildings.Count == 0 ? RepairTexts.LocationPickNone : NumberedChoice.OutOfRange(buildings.Count));
        }

        var draft = new RepairDraft(context.Session);
        draft.LocationId = chosen.Id;
        draft.Place = PlaceName(chosen, draft.Room);
        return StepOutcome.Next(DescriptionStep, RepairTexts.LocationRecognised(draft.Place));
    }

    private async ValueTask<IReadOnlyList<Location>> CandidatesAsync(DialogContext context, CancellationToken ct)
    {
        var directory = await _sender.Send(new ListLocationsQuery(), ct);
        return [.. new RepairDraft(context.Session).Candidates.Select(directory.Find).OfType<Location>()];
    }

    private static string PlaceName(Location building, string? room)
    {
        var place = room is null ? building.Name : building.Name + " " + room;
        return place.Length <= RepairTicket.MaxLocationTextLength ? place : building.Name;
    }
}
