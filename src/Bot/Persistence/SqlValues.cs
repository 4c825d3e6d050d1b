using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace WechatLogistics.Bot.Persistence;

/// <summary>Parameter values for hand-written SQL, stored the way the model's converters store them.</summary>
internal static class SqlValues
{
    /// <summary>SQLite keeps instants as UTC ticks (INTEGER); PostgreSQL as timestamptz, which Npgsql wants in UTC.</summary>
    public static object Time(DatabaseFacade database, DateTimeOffset value) =>
        database.IsSqlite() ? value.UtcTicks : value.ToUniversalTime();

    /// <summary>SQLite keeps ids as upper-case text (EF Core's mapping); PostgreSQL as uuid.</summary>
    public static object Id(DatabaseFacade database, Guid value) =>
        database.IsSqlite() ? value.ToString("D").ToUpperInvariant() : value;
}
