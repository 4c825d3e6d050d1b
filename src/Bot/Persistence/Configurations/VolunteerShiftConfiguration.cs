using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WechatLogistics.Domain.Volunteering;

namespace WechatLogistics.Bot.Persistence.Configurations;

/// <summary>
/// Signups are owned by their shift: they always load with it, because <see cref="VolunteerShift.Claim"/> counts the
/// places from them; a shift loaded without its signups would look empty and overbook.
/// </summary>
internal sealed class VolunteerShiftConfiguration : IEntityTypeConfiguration<VolunteerShift>
{
    public void Configure(EntityTypeBuilder<VolunteerShift> builder)
    {
        builder.ToTable("VolunteerShifts");
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(VolunteerShift.MaxTitleLength);
        builder.Property(s => s.Place).HasMaxLength(VolunteerShift.MaxPlaceLength);
        // Every signup change bumps it: two claims on the last place cannot both save.
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.StartsAt);

        builder.OwnsMany(s => s.Signups, signup =>
        {
            signup.ToTable("ShiftSignups");
            signup.WithOwner().HasForeignKey(x => x.ShiftId);
            signup.HasKey(x => x.Id);
            // Never generated: a new signup found in a tracked shift must be an INSERT, not an UPDATE.
            signup.Property(x => x.Id).ValueGeneratedNever();
            signup.Property(x => x.VolunteerOpenId).HasMaxLength(ColumnLengths.UserId);
            signup.Property(x => x.Hours).HasPrecision(5, 2);
            signup.HasIndex(x => new { x.ShiftId, x.VolunteerOpenId }).IsUnique();
            // A volunteer's own shifts and hours, and the double-booking check.
            signup.HasIndex(x => x.VolunteerOpenId);
        });
    }
}
