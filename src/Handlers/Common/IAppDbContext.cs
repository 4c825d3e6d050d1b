using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

namespace WechatLogistics.Handlers.Common;

/// <summary>
/// The handlers' view of the database (CleanArchitecture's IApplicationDbContext): the aggregates' sets and one save.
/// Implemented by the Bot's EF Core context; no repository layer in between.
/// </summary>
public interface IAppDbContext
{
    DbSet<RepairTicket> RepairTickets { get; }

    DbSet<Location> Locations { get; }

    DbSet<RepairCategory> RepairCategories { get; }

    DbSet<Feedback> Feedbacks { get; }

    /// <summary>Shifts with their signups: the signups are owned and always load with the shift.</summary>
    DbSet<VolunteerShift> VolunteerShifts { get; }

    DbSet<Announcement> Announcements { get; }

    /// <summary>Users known to the Official Account (written in batches off the webhook's hot path).</summary>
    DbSet<Follower> Followers { get; }

    DbSet<DormBinding> DormBindings { get; }

    /// <summary>Remaining subscribe-notification acceptances per user and template.</summary>
    DbSet<SubscribeConsent> SubscribeConsents { get; }

    DbSet<InboxMessage> InboxMessages { get; }

    /// <summary>Students' OpenIds per channel with their UnionIds: which OpenIds are one person.</summary>
    DbSet<StudentIdentity> StudentIdentities { get; }

    /// <summary>Announcements a student marked read in the mini-program.</summary>
    DbSet<AnnouncementRead> AnnouncementReads { get; }
    /// <summary>Early-warning incidents with their linked reports (owned, they load with the incident).</summary>
    DbSet<Incident> Incidents { get; }

    /// <summary>Which SLA stages of which tickets were notified (the key makes each one once).</summary>
    DbSet<SlaAlert> SlaAlerts { get; }
    /// <summary>Maintenance teams, their members (keyed by WeCom UserId) and the routing rules that feed them.</summary>
    DbSet<Team> Teams { get; }

    DbSet<StaffMember> StaffMembers { get; }

    DbSet<RoutingRule> RoutingRules { get; }

    /// <summary>Emergency plan templates (应急预案); the started plans belong to their incident (<see cref="Incident.Plan"/>).</summary>
    DbSet<PlanTemplate> PlanTemplates { get; }

    /// <summary>For reading plans and tasks across incidents; change them through the incident.</summary>
    DbSet<EmergencyPlan> EmergencyPlans { get; }
    /// <summary>Locked score-card periods with their snapshots (the key makes each period locked once).</summary>
    DbSet<ScoreCardPeriod> ScoreCardPeriods { get; }

    /// <summary>The volunteer hours ledger (志愿时长): completions and coordinators' manual entries.</summary>
    DbSet<HoursEntry> HoursEntries { get; }
    /// <summary>Departments (学院/部门) with their contacts (owned, they load with the department).</summary>
    DbSet<Department> Departments { get; }

    /// <summary>Departments' requests with their stamped approval chain and timeline (JSON columns).</summary>
    DbSet<DepartmentRequest> DepartmentRequests { get; }
    /// <summary>Equipment with its responsible team or person (财产管理责任制).</summary>
    DbSet<Asset> Assets { get; }

    /// <summary>Retrying handlers clear it to reload an aggregate after an optimistic-concurrency conflict.</summary>
    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>A transaction over several saves (a bulk import in batches that must land whole or not at all).</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The next repair-ticket sequence number of <paramref name="day"/> (1, 2, 3, … without duplicates, also across
    /// instances): one atomic upsert of that day's counter row. It runs on this context's connection, so it joins
    /// the context's transaction when one is open (a rolled-back save then leaves no gap).
    /// </summary>
    ValueTask<int> NextTicketSequenceAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>The next department-request sequence number of <paramref name="day"/>, as <see cref="NextTicketSequenceAsync"/>.</summary>
    ValueTask<int> NextDepartmentRequestSequenceAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>
    /// Links reports to an incident that is still open without loading the incident and its reports: in one
    /// transaction the link rows are inserted (a report linked already, to it or another incident, is left out: a
    /// report is in at most one incident), then the incident's row is updated by what was linked (count, first/last
    /// report time widened, version, which row-locks it against a concurrent close and makes a staff edit loaded
    /// before it retry). A storm of reports into one building costs two statements per batch of reports, not a load
    /// of every report linked so far and a version conflict per concurrent pair.
    /// </summary>
    /// <returns>The reports linked (none when all were linked already); null, and nothing changed, when the incident
    /// is no longer open.</returns>
    ValueTask<IReadOnlyCollection<Guid>?> LinkToOpenIncidentAsync(
        Guid incidentId, IReadOnlyCollection<(Guid TicketId, DateTimeOffset ReportedAt)> reports, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The repair tickets with a clock that has used at least <paramref name="warningRatio"/> of its allowed time at
    /// <paramref name="now"/>: the response clock while there is no first response, the resolution clock while the ticket
    /// is not resolved. The test runs in the database, with a second's slack for its arithmetic, so the SLA monitor
    /// reads the tickets it may have to warn about instead of every open one; the exact stage is then the domain's
    /// (<see cref="SlaClock.StageOf"/>). Composable: filter and project it like <see cref="RepairTickets"/>.
    /// </summary>
    IQueryable<RepairTicket> RepairTicketsPastSlaWarning(DateTimeOffset now, double warningRatio);

    /// <summary>
    /// Serializes changes to one aggregate across every instance until the returned handle is disposed (PostgreSQL:
    /// a session advisory lock on this context's connection; SQLite, one process: a lock in memory). For hot rows
    /// — the last places of a popular shift — where optimistic retries would starve under a storm of writers.
    /// </summary>
    ValueTask<IAsyncDisposable> LockAsync(string resource, CancellationToken cancellationToken);
}
