using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Audience;

/// <summary>The building (and room, as typed) a student lives in, bound with the 绑定宿舍 dialog. One per student.</summary>
public sealed class DormBinding
{
    public const int MaxRoomLength = 20;

    private DormBinding()
    {
        OpenId = null!;
    }

    public string OpenId { get; private set; }

    public Guid BuildingId { get; private set; }

    public string? Room { get; private set; }

    public DateTimeOffset BoundAt { get; private set; }

    public static DormBinding Bind(string openId, Guid buildingId, string? room, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        var binding = new DormBinding { OpenId = openId };
        binding.MoveTo(buildingId, room, now);
        return binding;
    }

    public void MoveTo(Guid buildingId, string? room, DateTimeOffset now)
    {
        if (buildingId == Guid.Empty)
        {
            throw new DomainException("dorm.invalid", "请选择宿舍楼。");
        }

        BuildingId = buildingId;
        Room = Text.Optional(room, MaxRoomLength, "dorm.invalid", $"房间号不能超过{MaxRoomLength}个字。");
        BoundAt = now;
    }
}
