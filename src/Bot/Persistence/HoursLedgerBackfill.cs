using Microsoft.EntityFrameworkCore;

namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// Signups completed before the hours ledger existed get their ledger line at start (the line's id is the signup's).
/// Idempotent and safe from several instances at once: a signup with a line is skipped, and a line inserted meanwhile by
/// another instance is ignored by ON CONFLICT. Kept out of the migration so that regenerating it loses nothing.
/// </summary>
internal static class HoursLedgerBackfill
{
    public static Task<int> RunAsync(AppDbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("""
        INSERT INTO "HoursEntries" ("Id", "VolunteerOpenId", "SignupId", "ShiftId", "Hours", "Reason", "RecordedBy", "EarnedAt", "RecordedAt")
        SELECT s."Id", s."VolunteerOpenId", s."Id", s."ShiftId", s."Hours", NULL, s."VolunteerOpenId", s."CompletedAt", s."CompletedAt"
        FROM "ShiftSignups" s
        WHERE s."Status" = 'Completed' AND s."Hours" IS NOT NULL AND s."CompletedAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "HoursEntries" e WHERE e."SignupId" = s."Id")
        ON CONFLICT DO NOTHING
        """, ct);
}
