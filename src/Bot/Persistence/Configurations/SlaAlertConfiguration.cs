using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Sla;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>The key (ticket, clock, stage) is what makes each SLA stage notified once, whatever the number of monitors.</summary>
internal sealed class SlaAlertConfiguration : IEntityTypeConfiguration<SlaAlert>
{
    public void Configure(EntityTypeBuilder<SlaAlert> builder)
    {
        builder.ToTable("SlaAlerts");
        builder.HasKey(a => new { a.TicketId, a.Clock, a.Stage });
        builder.HasOne<RepairTicket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
