using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>Departments; their contacts are a child table, looked up by OpenId (is this user a contact, and of what).</summary>
internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("Departments");
        builder.Ignore(d => d.DomainEvents);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(Department.MaxNameLength);
        builder.Property(d => d.Code).HasMaxLength(Department.MaxCodeLength);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => d.Name).IsUnique();
        builder.OwnsMany(d => d.Contacts, contacts =>
        {
            contacts.ToTable("DepartmentContacts");
            contacts.WithOwner().HasForeignKey("DepartmentId");
            contacts.HasKey("DepartmentId", nameof(DepartmentContact.OpenId));
            contacts.Property(c => c.OpenId).HasMaxLength(ColumnLengths.UserId);
            contacts.Property(c => c.Name).HasMaxLength(DepartmentContact.MaxNameLength);
            contacts.HasIndex(c => c.OpenId);
        });
        builder.Navigation(d => d.Contacts).AutoInclude();
    }
}

/// <summary>
/// The request row, with its stamped approval chain and its timeline as JSON columns (never queried on their own, always
/// read with the request); the cost as numeric(12,2) (SQLite keeps it as exact text; sums are made in memory).
/// </summary>
internal sealed class DepartmentRequestConfiguration : IEntityTypeConfiguration<DepartmentRequest>
{
    public void Configure(EntityTypeBuilder<DepartmentRequest> builder)
    {
        builder.ToTable("DepartmentRequests");
        builder.Ignore(r => r.DomainEvents);
        builder.Ignore(r => r.CurrentStep);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Number)
            .HasConversion(number => number.ToString(), text => DepartmentRequestNumber.Parse(text))
            .HasMaxLength(ColumnLengths.TicketNumber);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.FiledBy).HasMaxLength(ColumnLengths.UserId);
        builder.Property(r => r.Description).HasMaxLength(DepartmentRequest.MaxDescriptionLength);
        builder.Property(r => r.Place).HasMaxLength(DepartmentRequest.MaxPlaceLength);
        builder.Property(r => r.EstimatedCost).HasPrecision(12, 2);
        builder.Property(r => r.TicketNumber).HasMaxLength(ColumnLengths.TicketNumber);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.IdempotencyKey).HasMaxLength(DepartmentRequest.MaxIdempotencyKeyLength);
        // A retried filing (WeChat redelivery, a double tap, a client retry) finds its request instead of filing another.
        builder.HasIndex(r => new { r.FiledBy, r.IdempotencyKey }).IsUnique();
        builder.OwnsMany(r => r.Steps, steps => steps.ToJson("Steps"));
        builder.OwnsMany(r => r.Timeline, timeline => timeline.ToJson("Timeline"));
        builder.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RepairTicket>().WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Restrict);
        // One ticket per request, also if two final approvals raced past the concurrency token.
        builder.HasIndex(r => r.TicketId).IsUnique();
        // The cost report (a period's requests by department) and the approvers' queue (under way, oldest first).
        builder.HasIndex(r => new { r.SubmittedAt, r.DepartmentId });
        builder.HasIndex(r => new { r.Status, r.SubmittedAt });
        builder.HasIndex(r => new { r.FiledBy, r.SubmittedAt });
    }
}

/// <summary>Names must match the raw upsert in <see cref="AppDbContext.NextDepartmentRequestSequenceAsync"/>.</summary>
internal sealed class DepartmentRequestNumberSequenceConfiguration : IEntityTypeConfiguration<DepartmentRequestNumberSequence>
{
    public void Configure(EntityTypeBuilder<DepartmentRequestNumberSequence> builder)
    {
        builder.ToTable("DepartmentRequestNumberSequences");
        builder.HasKey(s => s.Day);
        builder.Property(s => s.Day).HasColumnName("Day").ValueGeneratedNever();
        builder.Property(s => s.LastValue).HasColumnName("LastValue");
    }
}
