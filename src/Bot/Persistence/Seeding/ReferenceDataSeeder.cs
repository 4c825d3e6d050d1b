using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Bot.Persistence.Seeding;

/// <summary>
/// Adds the reference locations, categories, teams, routing rules, emergency plan templates, demo staff, demo departments and demo assets that are missing (by their
/// deterministic ids, so staff edits to existing rows survive), and sample shifts when there are no shifts at all.
/// </summary>
internal static class ReferenceDataSeeder
{
    // Any fixed number, shared by every instance: "WLSEED".
    private const long AdvisoryLockKey = 0x574C_5345_4544;

    public static async Task<int> SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        // Two instances starting at once must not both insert: PostgreSQL serialises on an advisory lock held until
        // commit; SQLite's transactions begin IMMEDIATE (the write lock), which serialises them the same way.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }

        var locationIds = (await db.Locations.Select(l => l.Id).ToListAsync(ct)).ToHashSet();
        db.Locations.AddRange(ReferenceDataSeed.CreateLocations().Where(l => !locationIds.Contains(l.Id)));

        var categoryIds = (await db.RepairCategories.Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        db.RepairCategories.AddRange(ReferenceDataSeed.CreateCategories().Where(c => !categoryIds.Contains(c.Id)));

        var teamIds = (await db.Teams.Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        db.Teams.AddRange(ReferenceDataSeed.CreateTeams().Where(t => !teamIds.Contains(t.Id)));

        var ruleIds = (await db.RoutingRules.Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        db.RoutingRules.AddRange(ReferenceDataSeed.CreateRoutingRules().Where(r => !ruleIds.Contains(r.Id)));

        var staffIds = (await db.StaffMembers.Select(s => s.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        db.StaffMembers.AddRange(ReferenceDataSeed.CreateStaffMembers().Where(s => !staffIds.Contains(s.UserId)));

        var planIds = (await db.PlanTemplates.Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        db.PlanTemplates.AddRange(ReferenceDataSeed.CreatePlanTemplates().Where(p => !planIds.Contains(p.Id)));
        var departmentIds = (await db.Departments.Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        db.Departments.AddRange(ReferenceDataSeed.CreateDepartments().Where(d => !departmentIds.Contains(d.Id)));
        var assetIds = (await db.Assets.Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        db.Assets.AddRange(ReferenceDataSeed.CreateAssets(DateOnly.FromDateTime(now.UtcDateTime)).Where(a => !assetIds.Contains(a.Id)));

        if (!await db.VolunteerShifts.AnyAsync(ct))
        {
            db.VolunteerShifts.AddRange(SampleShifts.Create(now));
        }

        var added = await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return added;
    }
}
