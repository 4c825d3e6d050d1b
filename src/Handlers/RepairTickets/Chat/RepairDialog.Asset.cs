using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Assets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>
/// A report about an asset: its QR code scanned in WeChat (the Official Account's SCAN/subscribe event with scene
/// <c>asset:{code}</c>) starts the dialog with the asset and its place filled in, so the place step is skipped; or the
/// student answers the place step with "设备AC-0001" (or "#AC-0001").
/// </summary>
public sealed partial class RepairDialog
{
    private static readonly string[] AssetPrefixes = ["设备编号", "设备", "#"];

    private static string? ScannedAsset(ChatInput input) =>
        input.Kind is ChatInputKind.Scan or ChatInputKind.Subscribe ? AssetScene.CodeIn(input.EventKey) : null;

    /// <summary>"设备AC-0001", "设备 ac-0001", "#AC-0001": the code; null for any other text.</summary>
    private static string? AssetCodeIn(string text)
    {
        var prefix = AssetPrefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.Ordinal));
        return prefix is null ? null : AssetCode.Normalize(text[prefix.Length..].TrimStart(':', '：', ' '));
    }

    private static string AfterCategory(RepairDraft draft) => draft.AssetCode is null ? LocationStep : DescriptionStep;

    private async ValueTask<ChatReply> StartForAssetAsync(DialogContext context, string code, CancellationToken ct)
    {
        context.Enter(Name, FirstStep);
        var draft = new RepairDraft(context.Session) { IdempotencyKey = RepairDraft.NewKey() };
        var asset = await _sender.Send(new FindReportableAssetQuery(code), ct);
        if (asset is null)
        {
            return await PromptAsync(context, FirstStep, RepairTexts.AssetScanUnknown(code), ct);
        }

        return await PromptAsync(context, FirstStep, Fill(draft, asset), ct);
    }

    private async ValueTask<StepOutcome> AssetAsync(DialogContext context, RepairDraft draft, string code, CancellationToken ct)
    {
        var asset = await _sender.Send(new FindReportableAssetQuery(code), ct);
        return asset is null
            ? StepOutcome.Again(RepairTexts.AssetUnknown(code))
            : StepOutcome.Next(DescriptionStep, Fill(draft, asset));
    }

    private static string Fill(RepairDraft draft, AssetView asset)
    {
        draft.AssetCode = asset.Code;
        draft.LocationId = asset.LocationId;
        draft.Candidates = [];
        draft.Room = null;
        var place = $"{asset.Place}（设备{asset.Code}）";
        draft.Place = place.Length <= RepairTicket.MaxLocationTextLength ? place : asset.Place;
        return RepairTexts.AssetRecognised(asset.Kind, asset.Code, asset.Place);
    }
}
