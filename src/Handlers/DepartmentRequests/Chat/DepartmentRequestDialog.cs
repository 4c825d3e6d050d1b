using System.Globalization;
using Mediator;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.DepartmentRequests.Chat;

/// <summary>
/// 申报 / 部门申报, for department contacts: department (when they have several) → kind → description → place (maintenance
/// only) → estimated cost → wanted date → confirm → one <see cref="FileDepartmentRequestCommand"/>, keyed by the dialog's
/// token so two deliveries of 确认 file once. Anyone else is told how to become a contact.
/// </summary>
public sealed class DepartmentRequestDialog : StepDialog
{
    private static readonly HashSet<string> Triggers = ["申报", "部门申报"];

    private const string TokenSlot = "token";
    private const string DepartmentSlot = "department";
    private const string DepartmentNameSlot = "departmentName";
    private const string KindSlot = "kind";
    private const string DescriptionSlot = "description";
    private const string PlaceSlot = "place";
    private const string CostSlot = "cost";
    private const string DateSlot = "date";

    private readonly ISender _sender;

    public DepartmentRequestDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => "department-request";

    public override string Keyword => "申报";

    public override string Description => "部门申报（维修工程、采购、场地与活动保障）";

    public override int MenuOrder => 70;

    protected override string Title => "部门申报";

    protected override string FirstStep => "kind";

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        ["department"] = new(DepartmentPrompt, "回复序号选择为哪个部门申报。", ChooseDepartment),
        ["kind"] = DialogStep.Fixed(
            "请选择申报类型：\n" + NumberedChoice.Render(DepartmentRequestTexts.Kinds, k => k.Name()),
            "维修工程批准后会自动生成报修单；采购、场地和活动保障由后勤办安排。回复数字选择。",
            ChooseKind),
        ["description"] = DialogStep.Fixed(
            $"请描述申报内容（{DepartmentRequest.MaxDescriptionLength}字以内）：",
            "写清需要做什么、数量和要求，例如“报告厅音响线路老化，需要更换”。",
            Describe),
        ["place"] = DialogStep.Fixed(
            "维修地点在哪里？例如“图书馆报告厅”。不需要请回复“跳过”。",
            "写上楼栋和房间，维修师傅按此上门。",
            Locate),
        ["cost"] = DialogStep.Fixed("预计费用是多少元？例如 1200 或 1200.50。", "填写估算金额（元），最多两位小数；不清楚可填 0。", Estimate),
        ["date"] = DialogStep.Fixed("希望什么时候完成？例如 2026-12-01 或 12月1日。", "填写期望完成的日期，不能早于今天。", Schedule),
        ["confirm"] = new(ConfirmPrompt, "回复“确认”提交申报，或“返回”修改上一步。", SubmitAsync),
    };

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    public override async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var departments = await _sender.Send(new ListMyDepartmentsQuery(context.Input.UserId), ct);
        if (departments.Count == 0)
        {
            return ChatReply.Text(DepartmentRequestAccess.NotAContact);
        }

        context.Enter(Name, departments.Count == 1 ? FirstStep : "department");
        context.Session.Slots[TokenSlot] = Guid.CreateVersion7(context.Now).ToString("N");
        if (departments.Count > 1)
        {
            return await PromptAsync(context, "department", null, ct);
        }

        Remember(context, departments[0]);
        return await PromptAsync(context, FirstStep, $"为{departments[0].Name}申报。", ct);
    }

    private async ValueTask<string> DepartmentPrompt(DialogContext context, CancellationToken ct)
    {
        var departments = await _sender.Send(new ListMyDepartmentsQuery(context.Input.UserId), ct);
        return "请选择为哪个部门申报：\n" + NumberedChoice.Render(departments, d => d.Name);
    }

    private async ValueTask<StepOutcome> ChooseDepartment(DialogContext context, CancellationToken ct)
    {
        var departments = await _sender.Send(new ListMyDepartmentsQuery(context.Input.UserId), ct);
        if (NumberedChoice.Pick(departments, d => d.Name, context.Text) is not { } department)
        {
            return StepOutcome.Again(NumberedChoice.OutOfRange(departments.Count));
        }

        Remember(context, department);
        return StepOutcome.Next(FirstStep, "已选择：" + department.Name);
    }

    private static ValueTask<StepOutcome> ChooseKind(DialogContext context, CancellationToken ct)
    {
        var kind = NumberedChoice.Pick(DepartmentRequestTexts.Kinds, k => k.Name(), context.Text);
        if (kind == default)
        {
            return StepOutcome.AgainAsync(NumberedChoice.OutOfRange(DepartmentRequestTexts.Kinds.Count));
        }

        context.Session.Slots[KindSlot] = kind.ToString();
        context.Session.Slots.Remove(PlaceSlot);
        return StepOutcome.NextAsync("description", "已选择：" + kind.Name());
    }

    private static ValueTask<StepOutcome> Describe(DialogContext context, CancellationToken ct)
    {
        var text = context.Text;
        if (text.Length is 0 or > DepartmentRequest.MaxDescriptionLength)
        {
            return StepOutcome.AgainAsync($"申报内容需要1到{DepartmentRequest.MaxDescriptionLength}个字。");
        }

        context.Session.Slots[DescriptionSlot] = text;
        return StepOutcome.NextAsync(Kind(context) == RequestKind.Maintenance ? "place" : "cost");
    }

    private static ValueTask<StepOutcome> Locate(DialogContext context, CancellationToken ct)
    {
        if (context.Text.Length is 0 or > DepartmentRequest.MaxPlaceLength)
        {
            return StepOutcome.AgainAsync($"地点需要1到{DepartmentRequest.MaxPlaceLength}个字，不需要请回复“跳过”。");
        }

        context.Session.Slots[PlaceSlot] = context.Text == StepWords.Skip ? "" : context.Text;
        return StepOutcome.NextAsync("cost");
    }

    private static ValueTask<StepOutcome> Estimate(DialogContext context, CancellationToken ct)
    {
        if (DepartmentRequestAnswers.Cost(context.Text) is not { } cost)
        {
            return StepOutcome.AgainAsync("请回复金额数字，例如 1200。");
        }

        try
        {
            DepartmentRequest.CheckCost(cost);
        }
        catch (DomainException ex)
        {
            return StepOutcome.AgainAsync(ex.Message);
        }

        context.Session.Slots[CostSlot] = cost.ToString(CultureInfo.InvariantCulture);
        return StepOutcome.NextAsync("date");
    }

    private static ValueTask<StepOutcome> Schedule(DialogContext context, CancellationToken ct)
    {
        var today = CampusTime.DateOf(context.Now);
        if (DepartmentRequestAnswers.Date(context.Text, today) is not { } date)
        {
            return StepOutcome.AgainAsync("没看懂这个日期，请按 2026-12-01 或 12月1日 的格式回复。");
        }

        if (date < today)
        {
            return StepOutcome.AgainAsync("期望日期不能早于今天。");
        }

        context.Session.Slots[DateSlot] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return StepOutcome.NextAsync("confirm");
    }

    private static ValueTask<string> ConfirmPrompt(DialogContext context, CancellationToken ct)
    {
        var slots = context.Session.Slots;
        var place = slots.GetValueOrDefault(PlaceSlot) is { Length: > 0 } p ? $"\n地点：{p}" : "";
        return ValueTask.FromResult(
            $"请确认申报：\n部门：{slots[DepartmentNameSlot]}\n类型：{Kind(context).Name()}\n内容：{slots[DescriptionSlot]}{place}\n" +
            $"预计费用：{Cost(context).ToString("0.00", CultureInfo.InvariantCulture)} 元\n期望日期：{slots[DateSlot]}\n回复“确认”提交。");
    }

    private async ValueTask<StepOutcome> SubmitAsync(DialogContext context, CancellationToken ct)
    {
        if (!StepWords.IsYes(context.Text))
        {
            return StepOutcome.Again("回复“确认”提交，或“返回”修改。");
        }

        var slots = context.Session.Slots;
        var command = new FileDepartmentRequestCommand(
            context.Input.UserId, false, Guid.Parse(slots[DepartmentSlot]), Kind(context), slots[DescriptionSlot],
            slots.GetValueOrDefault(PlaceSlot) is { Length: > 0 } place ? place : null, Cost(context),
            DateOnly.ParseExact(slots[DateSlot], "yyyy-MM-dd", CultureInfo.InvariantCulture), "chat:" + slots[TokenSlot]);
        try
        {
            var filed = await _sender.Send(command, ct);
            return StepOutcome.Finish(ChatReply.Text(
                $"申报已提交，编号 {filed.Number}。\n审批流程：{string.Join(" → ", filed.Steps)}\n每一步审批结果都会通知您。"));
        }
        catch (DomainException ex)
        {
            return StepOutcome.Again(ex.Message);
        }
    }

    private static void Remember(DialogContext context, DepartmentItem department)
    {
        context.Session.Slots[DepartmentSlot] = department.Id.ToString();
        context.Session.Slots[DepartmentNameSlot] = department.Name;
    }

    private static RequestKind Kind(DialogContext context) => Enum.Parse<RequestKind>(context.Session.Slots[KindSlot]);

    private static decimal Cost(DialogContext context) => decimal.Parse(context.Session.Slots[CostSlot], CultureInfo.InvariantCulture);
}
