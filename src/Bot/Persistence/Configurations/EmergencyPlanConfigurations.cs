using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Incidents;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>Plan templates: the steps are one JSON document (always read and replaced whole).</summary>
internal sealed class PlanTemplateConfiguration : IEntityTypeConfiguration<PlanTemplate>
{
    public void Configure(EntityTypeBuilder<PlanTemplate> builder)
    {
        builder.ToTable("PlanTemplates");
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Code).HasMaxLength(PlanTemplate.MaxCodeLength);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(PlanTemplate.MaxNameLength);
        builder.Property(t => t.Kind).HasMaxLength(PlanTemplate.MaxKindLength);
        builder.Property(t => t.NoticeTitle).HasMaxLength(Domain.Announcements.Announcement.MaxTitleLength);
        builder.Property(t => t.NoticeBody).HasMaxLength(Domain.Announcements.Announcement.MaxBodyLength);
        builder.HasOne<RepairCategory>().WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.CategoryId);
        builder.OwnsMany(t => t.Steps, steps => steps.ToJson("Steps"));
        builder.Navigation(t => t.Steps).HasField("_steps");
    }
}

/// <summary>
/// A started plan, one per incident (unique IncidentId: a second start loses at the database even when two staff press
/// at once), with its tasks (owned, table PlanTasks).
/// </summary>
internal sealed class EmergencyPlanConfiguration : IEntityTypeConfiguration<EmergencyPlan>
{
    public void Configure(EntityTypeBuilder<EmergencyPlan> builder)
    {
        builder.ToTable("EmergencyPlans");
        builder.Ignore(p => p.DomainEvents);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Incident>().WithOne(i => i.Plan).HasForeignKey<EmergencyPlan>(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.IncidentId).IsUnique();
        builder.HasOne<PlanTemplate>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Name).HasMaxLength(PlanTemplate.MaxNameLength);
        builder.Property(p => p.Kind).HasMaxLength(PlanTemplate.MaxKindLength);
        builder.Property(p => p.Expected).HasMaxLength(EmergencyPlan.MaxExpectedLength);
        builder.Property(p => p.StartedBy).HasMaxLength(ColumnLengths.UserId);
        builder.Property(p => p.Summary).HasMaxLength(EmergencyPlan.MaxSummaryLength);
        builder.Property(p => p.Version).IsConcurrencyToken();

        builder.OwnsMany(p => p.Tasks, tasks =>
        {
            tasks.ToTable("PlanTasks");
            tasks.WithOwner().HasForeignKey("PlanId");
            tasks.HasKey("PlanId", nameof(PlanTask.Number));
            tasks.Property(t => t.Number).ValueGeneratedNever();
            tasks.Property(t => t.Title).HasMaxLength(PlanStep.MaxTitleLength);
            tasks.Property(t => t.AssignedTo).HasMaxLength(PlanTask.MaxAssignedLength);
            tasks.Property(t => t.FinishedBy).HasMaxLength(ColumnLengths.UserId);
            tasks.Property(t => t.Note).HasMaxLength(PlanTask.MaxNoteLength);
            tasks.Ignore(t => t.People);
            tasks.Ignore(t => t.IsFinished);
        });
        builder.Navigation(p => p.Tasks).HasField("_tasks");
    }
}

/// <summary>
/// Part of the Incident aggregate, but its own table like a ticket's timeline: an action appends one row without reading
/// the history, and incident lists never load it. <c>IncidentId</c> is a shadow foreign key.
/// </summary>
internal sealed class IncidentTimelineEntryConfiguration : IEntityTypeConfiguration<IncidentTimelineEntry>
{
    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> builder)
    {
        builder.ToTable("IncidentTimelineEntries");
        // Never generated: a new entry found in a tracked incident's timeline must be an INSERT, not an UPDATE.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(e => e.Note).HasMaxLength(IncidentTimelineEntry.MaxNoteLength);
        builder.HasOne<Incident>().WithMany(i => i.Timeline).HasForeignKey("IncidentId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex("IncidentId", nameof(IncidentTimelineEntry.At));
    }
}
