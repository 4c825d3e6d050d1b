using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>Description (1–500 characters of real text) and up to three photos (optional).</summary>
public sealed partial class RepairDialog
{
    private static readonly HashSet<string> DoneWords = [StepWords.Skip, "好了", "完成", "没有", "不用", "无", "ok", "OK", "下一步"];

    private static ValueTask<StepOutcome> HandleDescription(DialogContext context, CancellationToken ct)
    {
        if (context.Input.Kind == ChatInputKind.Image)
        {
            return StepOutcome.AgainAsync(RepairTexts.DescriptionBeforePhoto);
        }

        var length = ChatText.TypedLength(context);
        if (length > RepairTicket.MaxDescriptionLength)
        {
            return StepOutcome.AgainAsync(RepairTexts.DescriptionTooLong(length, RepairTicket.MaxDescriptionLength));
        }

        if (!ChatText.IsMeaningful(context.Text))
        {
            return StepOutcome.AgainAsync(RepairTexts.DescriptionMissing);
        }

        new RepairDraft(context.Session).Description = context.Text;
        return StepOutcome.NextAsync(PhotoStep);
    }

    private static ValueTask<string> PhotoPrompt(DialogContext context, CancellationToken ct) =>
        ValueTask.FromResult(RepairTexts.PhotoPrompt(new RepairDraft(context.Session).Photos.Count, RepairDraft.MaxPhotos));

    private static ValueTask<StepOutcome> HandlePhoto(DialogContext context, CancellationToken ct)
    {
        var draft = new RepairDraft(context.Session);
        if (context.Input is { Kind: ChatInputKind.Image, Media: { } media })
        {
            if (draft.Photos.Count >= RepairDraft.MaxPhotos)
            {
                return StepOutcome.NextAsync(ConfirmStep, RepairTexts.PhotosFull(RepairDraft.MaxPhotos));
            }

            draft.AddPhoto(media);
            return draft.Photos.Count >= RepairDraft.MaxPhotos
                ? StepOutcome.NextAsync(ConfirmStep, RepairTexts.PhotosFull(RepairDraft.MaxPhotos))
                : StepOutcome.AgainAsync(RepairTexts.PhotoReceived);
        }

        // "确认" here means "done with photos": it leads to the summary, which still needs its own 确认.
        return DoneWords.Contains(context.Text) || StepWords.IsYes(context.Text)
            ? StepOutcome.NextAsync(ConfirmStep)
            : StepOutcome.AgainAsync(RepairTexts.PhotoExpected);
    }
}
