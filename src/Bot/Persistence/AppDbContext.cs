using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.Notifications;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Domain.Students;
using WechatLogistics.Domain.Sla;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// The one model, shared by both providers. <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>
/// only add their provider's conventions and own a migrations folder each (docs/decisions/persistence.md).
/// </summary>
public abstract partial class AppDbContext(DbContextOptions options) : DbContext(options), IAppDbContext
{
    public DbSet<RepairTicket> RepairTickets => Set<RepairTicket>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<RepairCategory> RepairCategories => Set<RepairCategory>();

    public DbSet<Feedback> Feedbacks => Set<Feedback>();

    public DbSet<VolunteerShift> VolunteerShifts => Set<VolunteerShift>();

    public DbSet<Announcement> Announcements => Set<Announcement>();

    public DbSet<Follower> Followers => Set<Follower>();

    public DbSet<DormBinding> DormBindings => Set<DormBinding>();

    public DbSet<SubscribeConsent> SubscribeConsents => Set<SubscribeConsent>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<StudentIdentity> StudentIdentities => Set<StudentIdentity>();

    public DbSet<AnnouncementRead> AnnouncementReads => Set<AnnouncementRead>();
    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<SlaAlert> SlaAlerts => Set<SlaAlert>();
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<PlanTemplate> PlanTemplates => Set<PlanTemplate>();

    public DbSet<EmergencyPlan> EmergencyPlans => Set<EmergencyPlan>();
    public DbSet<ScoreCardPeriod> ScoreCardPeriods => Set<ScoreCardPeriod>();

    public DbSet<HoursEntry> HoursEntries => Set<HoursEntry>();
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<DepartmentRequest> DepartmentRequests => Set<DepartmentRequest>();
    public DbSet<Asset> Assets => Set<Asset>();

    internal DbSet<TicketNumberSequence> TicketNumberSequences => Set<TicketNumberSequence>();

    internal DbSet<DepartmentRequestNumberSequence> DepartmentRequestNumberSequences => Set<DepartmentRequestNumberSequence>();

    /// <inheritdoc />
    /// <remarks>
    /// One statement, atomic on both engines: PostgreSQL row-locks the conflicting row for the DO UPDATE, SQLite
    /// holds its single write lock. The SQL is the same for both (upsert 3.24+, RETURNING 3.35+).
    /// </remarks>
    public ValueTask<int> NextTicketSequenceAsync(DateOnly day, CancellationToken cancellationToken) =>
        NextSequenceAsync("TicketNumberSequences", day, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> NextDepartmentRequestSequenceAsync(DateOnly day, CancellationToken cancellationToken) =>
        NextSequenceAsync("DepartmentRequestNumberSequences", day, cancellationToken);

    private async ValueTask<int> NextSequenceAsync(string table, DateOnly day, CancellationToken cancellationToken)
    {
        // The table name is one of the two constants above, never input; the day is a parameter.
#pragma warning disable EF1002
        var values = await Database.SqlQueryRaw<int>($$"""
            INSERT INTO "{{table}}" ("Day", "LastValue") VALUES ({0}, 1)
            ON CONFLICT ("Day") DO UPDATE SET "LastValue" = "{{table}}"."LastValue" + 1
            RETURNING "LastValue" AS "Value"
            """, day).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return values.Single();
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyCollection<Guid>?> LinkToOpenIncidentAsync(
        Guid incidentId, IReadOnlyCollection<(Guid TicketId, DateTimeOffset ReportedAt)> reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reports.Count == 0)
        {
            return [];
        }

        // Its own transaction, or a savepoint in the caller's: either way a refused link leaves nothing behind.
        const string Savepoint = "incident_link";
        var ambient = Database.CurrentTransaction;
        await using var own = ambient is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        if (ambient is not null)
        {
            await ambient.CreateSavepointAsync(Savepoint, cancellationToken);
        }

        // The links first: the incident's row is locked (by the update) only from there to the commit.
        var values = new List<object> { SqlValues.Id(Database, incidentId), SqlValues.Time(Database, now) };
        var rows = new List<string>(reports.Count);
        foreach (var (ticketId, reportedAt) in reports)
        {
            rows.Add($"({{0}}, {{{values.Count}}}, {{1}}, {{{values.Count + 1}}})");
            values.Add(SqlValues.Id(Database, ticketId));
            values.Add(SqlValues.Time(Database, reportedAt));
        }

        // The placeholders are numbered here, the values are parameters.
#pragma warning disable EF1002
        var linked = await Database.SqlQueryRaw<Guid>(
            $"""
            INSERT INTO "IncidentTickets" ("IncidentId", "TicketId", "LinkedAt", "ReportedAt") VALUES {string.Join(", ", rows)}
            ON CONFLICT DO NOTHING
            RETURNING "TicketId" AS "Value"
            """,
            [.. values]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        var moved = 1;
        if (linked.Count > 0)
        {
            var ids = linked.ToHashSet();
            var reported = reports.Where(r => ids.Contains(r.TicketId)).Select(r => r.ReportedAt).ToList();
            var (first, last, count) = (reported.Min(), reported.Max(), linked.Count);
            moved = await Incidents
                .Where(i => i.Id == incidentId && i.Status == IncidentStatus.Open)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(i => i.TicketCount, i => i.TicketCount + count)
                        .SetProperty(i => i.FirstReportAt, i => first < i.FirstReportAt ? first : i.FirstReportAt)
                        .SetProperty(i => i.LastReportAt, i => last > i.LastReportAt ? last : i.LastReportAt)
                        .SetProperty(i => i.Version, i => i.Version + count),
                    cancellationToken);
        }

        if (moved == 0)
        {
            // Closed in between: the links go too.
            if (ambient is not null)
            {
                await ambient.RollbackToSavepointAsync(Savepoint, cancellationToken);
            }

            return null;
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return linked;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One text for both engines: SQLite keeps instants as UTC ticks (integers, times a real ratio), PostgreSQL as
    /// timestamptz (differences are intervals, times a float8). Written as "allowed time × ratio ≤ time used" so that
    /// only differences are multiplied: ticks since year 1 exceed a double's exact integers, their differences do not.
    /// </remarks>
    public IQueryable<RepairTicket> RepairTicketsPastSlaWarning(DateTimeOffset now, double warningRatio)
    {
        var until = SqlValues.Time(Database, now + SlaWarningSlack);
        return RepairTickets.FromSqlRaw(
            """
            SELECT * FROM "RepairTickets"
            WHERE ("FirstResponseAt" IS NULL AND ("ResponseDueAt" - "OpenedAt") * {0} <= {1} - "OpenedAt")
               OR ("ResolvedAt" IS NULL AND ("ResolveDueAt" - "OpenedAt") * {0} <= {1} - "OpenedAt")
            """,
            warningRatio,
            until);
    }

    // The database's arithmetic (floating point, intervals) may round across the exact instant; the caller decides.
    private static readonly TimeSpan SlaWarningSlack = TimeSpan.FromSeconds(1);

    public Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>SQLite serves one process, so a lock in memory is enough; PostgreSQL overrides it.</remarks>
    public virtual async ValueTask<IAsyncDisposable> LockAsync(string resource, CancellationToken cancellationToken)
    {
        var gate = LocalLocks.GetOrAdd(resource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(() =>
        {
            gate.Release();
            return ValueTask.CompletedTask;
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> LocalLocks = new(StringComparer.Ordinal);

    private protected sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe if a member is ever renumbered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(24);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
}
