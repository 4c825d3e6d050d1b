using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>
/// Incidents and their linked reports (owned, table IncidentTickets). Two database rules make detection safe under
/// concurrency: at most one open incident per trade and building (a filtered unique index), and a ticket in at most one
/// incident (unique TicketId).
/// </summary>
internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public const string OneOpenIndex = "IX_Incidents_CategoryId_BuildingId_Open";

    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Ignore(i => i.DomainEvents);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.ClosedBy).HasMaxLength(Incident.MaxActorLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<RepairCategory>().WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(i => i.BuildingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CategoryId, i.BuildingId }, OneOpenIndex).IsUnique().HasFilter("\"Status\" = 'Open'");
        // The open list (admin banner), newest first.
        builder.HasIndex(i => new { i.Status, i.OpenedAt });

        builder.OwnsMany(i => i.Tickets, tickets =>
        {
            tickets.ToTable("IncidentTickets");
            tickets.WithOwner().HasForeignKey("IncidentId");
            tickets.HasKey("IncidentId", nameof(IncidentTicket.TicketId));
            tickets.HasIndex(t => t.TicketId).IsUnique();
            tickets.HasOne<RepairTicket>().WithMany().HasForeignKey(t => t.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Navigation(i => i.Tickets).HasField("_tickets");
    }
}
