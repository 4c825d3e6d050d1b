using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Assets;

/// <summary>
/// A piece of equipment the office is answerable for (财产管理责任制): air conditioner, water heater, projector …, at a
/// location, with a responsible team and/or person (责任班组 / 责任人) who answer for it and receive its repairs.
/// Deactivated by retiring, never deleted: its repair history stays.
/// </summary>
public sealed class Asset : Entity
{
    public const int MaxKindLength = 30;
    public const decimal MaxValue = 99_999_999.99m;

    private Asset(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Asset()
    {
    }

    /// <summary>资产编号, unique, upper-case (<see cref="AssetCode"/>).</summary>
    public string Code { get; private set; } = null!;

    /// <summary>What it is: 空调, 热水器, 投影仪 …</summary>
    public string Kind { get; private set; } = null!;

    /// <summary>The building, floor or room it stands in; a report about it is filed there.</summary>
    public Guid LocationId { get; private set; }

    /// <summary>The team that repairs it: routing sends its tickets there before the routing rules are asked.</summary>
    public Guid? ResponsibleTeamId { get; private set; }

    /// <summary>The staff member (WeCom UserId) who answers for it.</summary>
    public string? ResponsibleUserId { get; private set; }

    public DateOnly? PurchasedOn { get; private set; }

    /// <summary>Purchase value in yuan (原值).</summary>
    public decimal? Value { get; private set; }

    public AssetStatus Status { get; private set; }

    /// <param name="today">The campus date: a purchase date after it is a typing error.</param>
    public static Asset Create(
        string code, string kind, Guid locationId, Guid? responsibleTeamId, string? responsibleUserId,
        DateOnly? purchasedOn, decimal? value, AssetStatus status, DateOnly today, Guid? id = null)
    {
        var asset = new Asset(id ?? Guid.CreateVersion7()) { Code = AssetCode.Valid(code) };
        asset.Describe(kind, purchasedOn, value, today);
        asset.MoveTo(locationId);
        asset.MakeResponsible(responsibleTeamId, responsibleUserId);
        asset.Status = Enum.IsDefined(status) ? status : throw Invalid("设备状态不正确。");
        return asset;
    }

    public void Describe(string kind, DateOnly? purchasedOn, decimal? value, DateOnly today)
    {
        Kind = Text.Required(kind, MaxKindLength, "asset.invalid", $"设备类型需要1到{MaxKindLength}个字。");
        PurchasedOn = purchasedOn > today ? throw Invalid("购置日期不能晚于今天。") : purchasedOn;
        Value = value switch
        {
            < 0 => throw Invalid("设备原值不能为负数。"),
            > MaxValue => throw Invalid("设备原值过大。"),
            { } v when decimal.Round(v, 2) != v => throw Invalid("设备原值最多两位小数。"),
            _ => value,
        };
    }

    public void MoveTo(Guid locationId) =>
        LocationId = locationId == Guid.Empty ? throw Invalid("请选择设备所在地点。") : locationId;

    /// <summary>A team, a person, or both; never neither — someone must answer for every asset.</summary>
    public void MakeResponsible(Guid? teamId, string? userId)
    {
        var person = Text.Optional(userId, Staff.StaffMember.MaxUserIdLength, "asset.invalid", "责任人账号过长。");
        if (teamId == Guid.Empty)
        {
            teamId = null;
        }

        if (teamId is null && person is null)
        {
            throw Invalid("请填写责任班组或责任人。");
        }

        ResponsibleTeamId = teamId;
        ResponsibleUserId = person;
    }

    /// <summary>A report names the asset: it goes under repair (a retired asset cannot be reported).</summary>
    public void ReportFault()
    {
        EnsureReportable();
        Status = AssetStatus.UnderRepair;
    }

    /// <summary>Back in use after a repair; a retired asset stays retired.</summary>
    public void ReturnToService()
    {
        if (Status == AssetStatus.Retired)
        {
            throw new DomainException("asset.retired", $"设备{Code}已报废，不能恢复使用。");
        }

        Status = AssetStatus.InUse;
    }

    public void Retire() => Status = AssetStatus.Retired;

    /// <summary>Staff set the status: a retired asset stays retired (a write-off is not undone by an edit).</summary>
    public void ChangeStatus(AssetStatus status)
    {
        switch (status)
        {
            case AssetStatus.Retired:
                Retire();
                break;
            case AssetStatus.InUse:
                ReturnToService();
                break;
            case AssetStatus.UnderRepair:
                ReportFault();
                break;
            default:
                throw Invalid("设备状态不正确。");
        }
    }

    /// <exception cref="DomainException">asset.retired: the asset was written off; report the place instead.</exception>
    public void EnsureReportable()
    {
        if (Status == AssetStatus.Retired)
        {
            throw new DomainException("asset.retired", $"设备{Code}已报废，请直接描述报修地点。");
        }
    }

    private static DomainException Invalid(string message) => new("asset.invalid", message);
}
