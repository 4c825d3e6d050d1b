using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Team.MaxNameLength);
        builder.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("StaffMembers");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(s => s.DisplayName).HasMaxLength(StaffMember.MaxNameLength);
        builder.Property(s => s.EmployeeNo).HasMaxLength(StaffMember.MaxEmployeeNoLength);
        builder.Property(s => s.WeChatOpenId).HasMaxLength(ColumnLengths.UserId);
        builder.HasIndex(s => s.EmployeeNo).IsUnique();
        // Least-load dispatch reads a team's active workers.
        builder.HasIndex(s => new { s.TeamId, s.Role, s.IsActive });
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.ToTable("RoutingRules");
        builder.Ignore(r => r.DomainEvents);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Location>().WithMany().HasForeignKey(r => r.BuildingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RepairCategory>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.BuildingId, r.CategoryId });
    }
}
