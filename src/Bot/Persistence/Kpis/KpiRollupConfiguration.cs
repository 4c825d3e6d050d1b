using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Bot.Persistence.Configurations;

namespace WechatLogistics.Bot.Persistence.Kpis;

internal sealed class KpiDailyRollupConfiguration : IEntityTypeConfiguration<KpiDailyRollup>
{
    public void Configure(EntityTypeBuilder<KpiDailyRollup> builder)
    {
        builder.ToTable("KpiDailyRollups");
        // One row per (day, dimension, key); the KPI read takes a dimension's rows over a range of days.
        builder.HasKey(r => new { r.Dimension, r.Day, r.Key });
        // The rollup job replaces a day's rows of every dimension at once.
        builder.HasIndex(r => r.Day);
        builder.Property(r => r.Key).HasMaxLength(ColumnLengths.UserId);
    }
}

internal sealed class KpiRollupDayConfiguration : IEntityTypeConfiguration<KpiRollupDay>
{
    public void Configure(EntityTypeBuilder<KpiRollupDay> builder)
    {
        builder.ToTable("KpiRollupDays");
        builder.HasKey(d => d.Day);
        builder.Property(d => d.Day).ValueGeneratedNever();
    }
}
