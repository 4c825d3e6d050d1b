using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.Feedbacks;

/// <summary>The last two steps: the text (a reason is required at 1–2 stars) and anonymous or not, which submits.</summary>
public sealed partial class FeedbackDialog
{
    private static string TextPrompt(int stars) => Feedback.RequiresReason(stars)
        ? $"很抱歉让您不满意。请简单说说原因，方便我们改进（必填，{Feedback.MaxTextLength}字以内）："
        : $"还有什么想说的吗？直接回复内容（{Feedback.MaxTextLength}字以内），不想写请回复“跳过”。";

    private const string TextHelp = "写下您的意见或建议；评分为 1-2 星时需要说明原因，其他评分可以回复“跳过”。";

    private static ValueTask<StepOutcome> WriteAsync(DialogContext context, CancellationToken ct)
    {
        var required = Feedback.RequiresReason(Stars(context));
        var text = context.Text;
        if (text == StepWords.Skip || text.Length == 0)
        {
            if (required)
            {
                return StepOutcome.AgainAsync("评分较低时需要写一下原因，一句话就好，我们会认真跟进。");
            }

            if (text.Length == 0)
            {
                return StepOutcome.AgainAsync("请回复文字内容，或回复“跳过”。");
            }

            context.Session.Slots[TextSlot] = string.Empty;
            return StepOutcome.NextAsync("anonymous");
        }

        if (text.Length > Feedback.MaxTextLength)
        {
            return StepOutcome.AgainAsync($"内容有点长啦，请控制在{Feedback.MaxTextLength}字以内。");
        }

        if (!FeedbackAnswers.HasWords(text))
        {
            return StepOutcome.AgainAsync("请用文字描述一下哦。");
        }

        context.Session.Slots[TextSlot] = text;
        return StepOutcome.NextAsync("anonymous");
    }

    private async ValueTask<StepOutcome> SubmitAsync(DialogContext context, CancellationToken ct)
    {
        if (FeedbackAnswers.YesNo(context.Text) is not { } anonymous)
        {
            return StepOutcome.Again("请回复“是”或“否”。");
        }

        var slots = context.Session.Slots;
        var stars = Stars(context);
        var command = new SubmitFeedbackCommand(
            context.Input.UserId, Subject(context), slots.GetValueOrDefault(PlaceSlot), stars, slots.GetValueOrDefault(TextSlot), anonymous)
        {
            RequestId = Guid.TryParse(slots.GetValueOrDefault(TokenSlot), out var token) ? token : null,
        };
        try
        {
            await _sender.Send(command, ct);
        }
        catch (DomainException ex)
        {
            return StepOutcome.Again(ex.Message);
        }

        var thanks = stars >= 3
            ? $"感谢您的评价！{FeedbackAnswers.StarsText(stars)}\n您的反馈已记录，我们会继续努力。"
            : "感谢您的反馈，我们已记录，会尽快跟进改进。";
        return StepOutcome.Finish(ChatReply.Text(anonymous ? thanks + "（已匿名提交）" : thanks));
    }
}
