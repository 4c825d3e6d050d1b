using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Categories;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class RepairCategoryConfiguration : IEntityTypeConfiguration<RepairCategory>
{
    public void Configure(EntityTypeBuilder<RepairCategory> builder)
    {
        builder.ToTable("RepairCategories");
        builder.Ignore(c => c.DomainEvents);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(RepairCategory.MaxNameLength);
        builder.Property(c => c.Code).HasMaxLength(RepairCategory.MaxCodeLength);
        builder.HasIndex(c => c.Code).IsUnique();
        // Deactivated, never deleted: tickets and children point at it.
        builder.HasOne<RepairCategory>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
