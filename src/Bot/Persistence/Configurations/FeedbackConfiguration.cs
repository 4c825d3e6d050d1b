using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Feedbacks;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> builder)
    {
        builder.ToTable("Feedbacks");
        builder.Ignore(f => f.DomainEvents);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.PlaceName).HasMaxLength(Feedback.MaxPlaceNameLength);
        builder.Property(f => f.Text).HasMaxLength(Feedback.MaxTextLength);
        builder.Property(f => f.AuthorOpenId).HasMaxLength(ColumnLengths.UserId);
        // Satisfaction KPIs per service over a period, and a student's own history.
        builder.HasIndex(f => new { f.Subject, f.SubmittedAt });
        builder.HasIndex(f => new { f.AuthorOpenId, f.SubmittedAt });
    }
}
