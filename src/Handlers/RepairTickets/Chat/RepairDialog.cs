using Mediator;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>
/// 报修 by chat: category → (sub-category) → place → description → photos → confirm, then one
/// <see cref="OpenRepairTicketCommand"/> whose idempotency key was fixed when the dialog started, so a redelivered or
/// repeated 确认 can never open a second ticket. A student who comes back to a half-filled form after
/// <see cref="ResumeAfter"/> is asked first whether to continue it or start over.
/// </summary>
public sealed partial class RepairDialog : StepDialog
{
    public const string DialogName = "repair";

    /// <summary>Sessions idle for 30 minutes are forgotten; after 10 the student has probably lost the thread.</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(10);

    private const string CategoryStep = "category";
    private const string SubcategoryStep = "subcategory";
    private const string LocationStep = "location";
    private const string LocationPickStep = "location-pick";
    private const string DescriptionStep = "description";
    private const string PhotoStep = "photo";
    private const string ConfirmStep = "confirm";
    private const string ResumeStep = "resume";

    private static readonly HashSet<string> Triggers = ["报修", "维修", "我要报修", "报修服务"];

    private readonly ISender _sender;

    public RepairDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => DialogName;

    public override string Keyword => "报修";

    public override string Description => "宿舍、教室设施坏了？在这里报修";

    public override int MenuOrder => 10;

    protected override string Title => "报修";

    protected override string FirstStep => CategoryStep;

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        [CategoryStep] = new(CategoryPromptAsync, RepairTexts.CategoryHelp, HandleCategoryAsync),
        [SubcategoryStep] = new(SubcategoryPromptAsync, RepairTexts.CategoryHelp, HandleSubcategoryAsync),
        [LocationStep] = DialogStep.Fixed(RepairTexts.LocationPrompt, RepairTexts.LocationHelp, HandleLocationAsync),
        [LocationPickStep] = new(LocationPickPromptAsync, RepairTexts.LocationPickHelp, HandleLocationPickAsync),
        [DescriptionStep] = DialogStep.Fixed(RepairTexts.DescriptionPrompt, RepairTexts.DescriptionHelp, HandleDescription),
        [PhotoStep] = new(PhotoPrompt, RepairTexts.PhotoHelp, HandlePhoto),
        [ConfirmStep] = new(ConfirmPromptAsync, RepairTexts.ConfirmHelp, HandleConfirmAsync),
        [ResumeStep] = new(ResumePromptAsync, RepairTexts.ResumeHelp, (_, _) => StepOutcome.AgainAsync(RepairTexts.ResumeChoices)),
    };

    protected override string? MenuKey => MenuKeys.Repair;

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    /// <summary>Also started by scanning an asset's QR code (scene <c>asset:{code}</c>), with the asset filled in.</summary>
    public override bool IsTriggeredBy(ChatInput input, string normalizedText) =>
        base.IsTriggeredBy(input, normalizedText) || ScannedAsset(input) is not null;

    public override async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        if (ScannedAsset(context.Input) is { } code)
        {
            return await StartForAssetAsync(context, code, ct);
        }

        var reply = await base.StartAsync(context, ct);
        new RepairDraft(context.Session).IdempotencyKey = RepairDraft.NewKey();
        return reply;
    }

    public override async ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct)
    {
        var draft = new RepairDraft(context.Session);
        if (context.Session.Step == ResumeStep)
        {
            switch (context.Text)
            {
                case "1" or "继续" or StepWords.Back:
                    var step = draft.ResumeStep is { } saved && Steps.ContainsKey(saved) ? saved : FirstStep;
                    draft.ResumeStep = null;
                    context.GoTo(step);
                    return await PromptAsync(context, step, RepairTexts.Resumed, ct);
                case "2" or "重新开始":
                    return await StartAsync(context, ct);
            }
        }
        else if (IsStale(context) && context.Text != StepWords.Cancel)
        {
            draft.ResumeStep = context.Session.Step;
            context.GoTo(ResumeStep);
            return await PromptAsync(context, ResumeStep, null, ct);
        }

        return await base.ContinueAsync(context, ct);
    }

    // A draft past its first question, untouched for a while: the student may not remember it.
    private bool IsStale(DialogContext context) =>
        context.Session.Step is { } step && step != FirstStep
        && context.Session.UpdatedAt != default
        && context.Now - context.Session.UpdatedAt >= ResumeAfter;

    private async ValueTask<string> ResumePromptAsync(DialogContext context, CancellationToken ct) =>
        RepairTexts.ResumePrompt(await DraftSummaryAsync(context, ct));
}
