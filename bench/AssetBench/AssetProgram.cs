using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Assets;

// Asset import benchmark: ImportAssetsCommand on N CSV rows against a baseline from the same run — a plain multi-row
// INSERT of the same rows (already parsed, ids made) in one transaction. Each run starts from an empty Assets table.
//   asset-bench --provider Sqlite|Postgres --connection "…" [--rows 10000] [--runs 3]
var arguments = args.Chunk(2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
var provider = Enum.Parse<DatabaseProvider>(arguments["provider"]);
var connectionString = arguments["connection"];
var rows = int.Parse(arguments.GetValueOrDefault("rows", "10000"), CultureInfo.InvariantCulture);
var runs = int.Parse(arguments.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
var ct = CancellationToken.None;

await using (var db = DatabaseSetup.CreateContext(provider, connectionString))
{
    await DatabaseInitializer.InitializeAsync(db, DateTimeOffset.UtcNow, ct);
}

string[] places = ["E-D01", "E-D01-F3", "W-TA", "S-LAB", "E-LIB"];
var lines = Enumerable.Range(1, rows).Select(i => string.Create(CultureInfo.InvariantCulture,
    $"BN-{i:000000},空调,{places[i % places.Length]},空调组,,2024-09-{1 + (i % 28):00},{3000 + (i % 500)}.50,in-use")).ToList();
var csv = Encoding.UTF8.GetBytes("code,kind,location,team,person,purchase_date,value,status\n" + string.Join('\n', lines) + "\n");
var team = ReferenceDataSeed.TeamId("AC");

var import = new List<double>();
var baseline = new List<double>();
for (var run = 0; run < runs; run++)
{
    await ClearAsync();
    var watch = Stopwatch.StartNew();
    await using (var db = DatabaseSetup.CreateContext(provider, connectionString))
    {
        var result = await new ImportAssetsCommandHandler(db, TimeProvider.System).Handle(new ImportAssetsCommand("demo-staff", new MemoryStream(csv)), ct);
        if (result.Imported != rows)
        {
            throw new InvalidOperationException($"imported {result.Imported} of {rows}: {result.Errors.FirstOrDefault()}");
        }
    }

    import.Add(watch.Elapsed.TotalMilliseconds);
    await ClearAsync();
    watch.Restart();
    await BulkInsertAsync();
    baseline.Add(watch.Elapsed.TotalMilliseconds);
}

var importMs = Median(import);
var baselineMs = Median(baseline);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{provider}: {rows} rows, median of {runs}: import {importMs:0} ms ({rows / importMs * 1000:0} rows/s), plain bulk INSERT {baselineMs:0} ms; import/baseline = {importMs / baselineMs:0.00}x"));
return;

async Task ClearAsync()
{
    await using var db = DatabaseSetup.CreateContext(provider, connectionString);
    await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Assets\" WHERE \"Code\" LIKE 'BN-%'", ct);
}

// The same rows as one INSERT … VALUES statement per 100 rows, parameters bound, in one transaction.
async Task BulkInsertAsync()
{
    await using var db = DatabaseSetup.CreateContext(provider, connectionString);
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync(ct);
    await using var transaction = await connection.BeginTransactionAsync(ct);
    foreach (var chunk in lines.Select((line, i) => (Fields: line.Split(','), Index: i)).Chunk(100))
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(
            "INSERT INTO \"Assets\" (\"Id\",\"Code\",\"Kind\",\"LocationId\",\"ResponsibleTeamId\",\"ResponsibleUserId\",\"PurchasedOn\",\"Value\",\"Status\") VALUES ");
        foreach (var (row, n) in chunk.Select((r, n) => (r, n)))
        {
            sql.Append(n == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(@i{n},@c{n},@k{n},@l{n},@t{n},NULL,@p{n},@v{n},'InUse')");
            Add(command, $"i{n}", Id(Guid.CreateVersion7()));
            Add(command, $"c{n}", row.Fields[0]);
            Add(command, $"k{n}", row.Fields[1]);
            Add(command, $"l{n}", Id(ReferenceDataSeed.LocationId(row.Fields[2])));
            Add(command, $"t{n}", Id(team));
            Add(command, $"p{n}", DateOnly.ParseExact(row.Fields[5], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(command, $"v{n}", decimal.Parse(row.Fields[6], CultureInfo.InvariantCulture));
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    await transaction.CommitAsync(ct);
}

// EF stores SQLite ids as upper-case text (the foreign keys compare them so); PostgreSQL has uuid.
object Id(Guid id) => provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

static void Add(DbCommand command, string name, object value)
{
    var parameter = command.CreateParameter();
    parameter.ParameterName = name;
    parameter.Value = value;
    command.Parameters.Add(parameter);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
