using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>Category: a numbered list of the top level, then the sub-categories of the one chosen.</summary>
public sealed partial class RepairDialog
{
    private async ValueTask<string> CategoryPromptAsync(DialogContext context, CancellationToken ct)
    {
        var tree = await _sender.Send(new ListRepairCategoriesQuery(), ct);
        return RepairTexts.CategoryPrompt + "\n" + NumberedChoice.Render(tree.Roots, c => c.Name);
    }

    private async ValueTask<StepOutcome> HandleCategoryAsync(DialogContext context, CancellationToken ct)
    {
        var tree = await _sender.Send(new ListRepairCategoriesQuery(), ct);
        var draft = new RepairDraft(context.Session);
        // A number or a top-level name; a sub-category's name ("水龙头") skips the second question.
        var chosen = NumberedChoice.Pick(tree.Roots, c => c.Name, context.Text) ?? LeafNamed(tree, context.Text);
        if (chosen is null)
        {
            return StepOutcome.Again(NumberedChoice.OutOfRange(tree.Roots.Count));
        }

        if (!chosen.IsLeaf)
        {
            draft.ParentCategoryId = chosen.Id;
            draft.CategoryId = null;
            return StepOutcome.Next(SubcategoryStep, RepairTexts.Chosen(chosen.Name));
        }

        draft.ParentCategoryId = null;
        draft.CategoryId = chosen.Id;
        return StepOutcome.Next(AfterCategory(draft), RepairTexts.Chosen(tree.PathOf(chosen.Id)!));
    }

    private async ValueTask<string> SubcategoryPromptAsync(DialogContext context, CancellationToken ct) =>
        RepairTexts.SubcategoryPrompt + "\n" + NumberedChoice.Render(await ChildrenAsync(context, ct), c => c.Name);

    private async ValueTask<StepOutcome> HandleSubcategoryAsync(DialogContext context, CancellationToken ct)
    {
        var children = await ChildrenAsync(context, ct);
        var chosen = NumberedChoice.Pick(children, c => c.Name, context.Text);
        if (chosen is null)
        {
            return children.Count == 0
                ? StepOutcome.Again(RepairTexts.CategoryGone)
                : StepOutcome.Again(NumberedChoice.OutOfRange(children.Count));
        }

        var draft = new RepairDraft(context.Session);
        draft.CategoryId = chosen.Id;
        var tree = await _sender.Send(new ListRepairCategoriesQuery(), ct);
        return StepOutcome.Next(AfterCategory(draft), RepairTexts.Chosen(tree.PathOf(chosen.Id) ?? chosen.Name));
    }

    // Staff may deactivate the parent while the student is choosing: then there is nothing to pick ("返回" helps).
    private async ValueTask<IReadOnlyList<RepairCategoryNode>> ChildrenAsync(DialogContext context, CancellationToken ct)
    {
        var tree = await _sender.Send(new ListRepairCategoriesQuery(), ct);
        return new RepairDraft(context.Session).ParentCategoryId is { } parentId && tree.Find(parentId) is { } parent
            ? parent.Children
            : [];
    }

    private static RepairCategoryNode? LeafNamed(RepairCategoryTree tree, string text) =>
        text.Length == 0
            ? null
            : tree.Roots.SelectMany(r => r.Children).FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
}
