using Mediator;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.Announcements.Chat;

/// <summary>
/// 绑定宿舍: the student names their building and room ("东区1号楼 302"); when several buildings match, they pick one
/// by number. Building announcements then reach them.
/// </summary>
public sealed class BindDormDialog : StepDialog
{
    private const string PlaceStep = "place";
    private const string PickStep = "pick";
    private const string CandidatesSlot = "candidates";
    private const string RoomSlot = "room";

    private static readonly HashSet<string> Triggers = ["绑定宿舍", "宿舍绑定", "修改宿舍"];

    private readonly ISender _sender;

    public BindDormDialog(ISender sender)
    {
        _sender = sender;
    }

    public override string Name => "bind-dorm";

    public override string Keyword => "绑定宿舍";

    public override string Description => "登记宿舍楼，接收本楼停水停电通知";

    public override int MenuOrder => 60;

    protected override string Title => "绑定宿舍";

    protected override string FirstStep => PlaceStep;

    protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
    {
        [PlaceStep] = DialogStep.Fixed(
            "请回复您的宿舍楼和房间号，例如：东区1号楼 302",
            "绑定后，您所在楼栋的停水、停电等通知会发给您。请写出楼栋名称和房间号，例如“西区2号楼 415”。",
            HandlePlaceAsync),
        [PickStep] = new(PickPromptAsync, "请回复列表中的数字选择您的宿舍楼。", HandlePickAsync),
    };

    protected override IReadOnlySet<string> TriggerWords => Triggers;

    private async ValueTask<StepOutcome> HandlePlaceAsync(DialogContext context, CancellationToken ct)
    {
        if (context.Text.Length == 0)
        {
            return StepOutcome.Again("请用文字回复宿舍楼和房间号。");
        }

        var match = await _sender.Send(new MatchBuildingQuery(context.Text), ct);
        switch (match.Candidates.Count)
        {
            case 0:
                return StepOutcome.Again("没有认出这栋楼。");
            case 1:
                return await BindAsync(context, match.Candidates[0].Id, match.Room, ct);
            default:
                context.Session.Slots[CandidatesSlot] = string.Join(',', match.Candidates.Select(c => c.Id + ":" + c.Name));
                if (match.Room is { } room)
                {
                    context.Session.Slots[RoomSlot] = room;
                }

                return StepOutcome.Next(PickStep, "有几栋楼都符合，请选择：");
        }
    }

    private static ValueTask<string> PickPromptAsync(DialogContext context, CancellationToken ct) =>
        ValueTask.FromResult(NumberedChoice.Render(Candidates(context), c => c.Name));

    private async ValueTask<StepOutcome> HandlePickAsync(DialogContext context, CancellationToken ct)
    {
        var candidates = Candidates(context);
        var picked = NumberedChoice.Pick(candidates, c => c.Name, context.Text);
        return picked is null
            ? StepOutcome.Again(NumberedChoice.OutOfRange(candidates.Count))
            : await BindAsync(context, picked.Id, context.Session.Slots.GetValueOrDefault(RoomSlot), ct);
    }

    private async ValueTask<StepOutcome> BindAsync(DialogContext context, Guid buildingId, string? room, CancellationToken ct)
    {
        try
        {
            var bound = await _sender.Send(new BindDormCommand(context.Input.UserId, buildingId, room), ct);
            return StepOutcome.Finish(ChatReply.Text(
                $"已绑定宿舍：{bound.BuildingName}{(bound.Room is null ? "" : " " + bound.Room)}。本楼的通知会及时发给您，回复\"绑定宿舍\"可修改。"));
        }
        catch (DomainException ex)
        {
            return StepOutcome.Again(ex.Message);
        }
    }

    private static List<BuildingChoice> Candidates(DialogContext context) =>
    [
        .. context.Session.Slots.GetValueOrDefault(CandidatesSlot, "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':', 2))
            .Where(parts => parts.Length == 2 && Guid.TryParse(parts[0], out _))
            .Select(parts => new BuildingChoice(Guid.Parse(parts[0]), parts[1])),
    ];
}
