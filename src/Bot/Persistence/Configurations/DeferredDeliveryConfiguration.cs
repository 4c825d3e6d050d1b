using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Bot.WeChat.Deferred;

namespace WechatLogistics.Bot.Persistence.Configurations;

internal sealed class DeferredDeliveryConfiguration : IEntityTypeConfiguration<DeferredDelivery>
{
    public void Configure(EntityTypeBuilder<DeferredDelivery> builder)
    {
        builder.ToTable("DeferredDeliveries");
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Key).HasMaxLength(DeferredDelivery.MaxKeyLength);
        builder.Property(d => d.Receiver).HasMaxLength(DeferredDelivery.MaxReceiverLength);
        // The recovery scan: lapsed leases first.
        builder.HasIndex(d => d.LeaseUntil);
    }
}
