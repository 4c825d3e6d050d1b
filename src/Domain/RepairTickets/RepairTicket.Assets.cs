using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.RepairTickets;

/// <summary>The asset a report names (by code or QR scan), decided for a new report before its first save.</summary>
public sealed partial class RepairTicket
{
    /// <summary>The asset the report is about; its location is the ticket's location.</summary>
    public Guid? AssetId { get; private set; }

    /// <summary>
    /// Set at the report when the asset reached the recurring-fault threshold with it (重复报修预警): staff see the
    /// warning on the ticket.
    /// </summary>
    public bool RecurringFault { get; private set; }

    /// <summary>Links the new report to <paramref name="asset"/>, which goes under repair.</summary>
    /// <exception cref="DomainException">asset.retired; ticket.invalid when the report was filed elsewhere.</exception>
    public void Concerns(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (Version != 1 || Status != TicketStatus.Submitted)
        {
            throw new DomainException("ticket.invalid_transition", "只能在提交报修时关联设备。");
        }

        if (asset.LocationId != LocationId)
        {
            throw Invalid("报修地点与设备所在地点不一致。");
        }

        asset.ReportFault();
        AssetId = asset.Id;
    }

    /// <summary>The asset has had this many reports in the period, this one included (重复报修预警).</summary>
    public void FlagRecurringFault(RecurringFaultPolicy policy, IEnumerable<DateTimeOffset> assetReportTimes)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (AssetId is null)
        {
            throw new InvalidOperationException("Only a report about an asset can be a recurring fault.");
        }

        RecurringFault = policy.IsRecurring(assetReportTimes.Append(OpenedAt), OpenedAt);
    }
}
