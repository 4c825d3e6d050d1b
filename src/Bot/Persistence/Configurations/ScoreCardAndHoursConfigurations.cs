using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>The (scope, from, to) key is what makes a period locked once, also when two instances close the month at once.</summary>
internal sealed class ScoreCardPeriodConfiguration : IEntityTypeConfiguration<ScoreCardPeriod>
{
    public void Configure(EntityTypeBuilder<ScoreCardPeriod> builder)
    {
        builder.ToTable("ScoreCardPeriods");
        builder.Ignore(p => p.DomainEvents);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.LockedBy).HasMaxLength(ScoreCardPeriod.MaxLockedByLength);
        builder.HasIndex(p => new { p.Scope, p.From, p.To }).IsUnique();
    }
}

/// <summary>A signup credits its hours once (unique signup id; manual entries have none); totals read by volunteer.</summary>
internal sealed class HoursEntryConfiguration : IEntityTypeConfiguration<HoursEntry>
{
    public void Configure(EntityTypeBuilder<HoursEntry> builder)
    {
        builder.ToTable("HoursEntries");
        builder.Ignore(e => e.DomainEvents);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.VolunteerOpenId).HasMaxLength(ColumnLengths.UserId);
        builder.Property(e => e.RecordedBy).HasMaxLength(ColumnLengths.UserId);
        builder.Property(e => e.Reason).HasMaxLength(HoursEntry.MaxReasonLength);
        builder.Property(e => e.Hours).HasPrecision(6, 2);
        builder.HasIndex(e => e.SignupId).IsUnique();
        builder.HasIndex(e => e.VolunteerOpenId);
        builder.HasIndex(e => e.EarnedAt);
    }
}
