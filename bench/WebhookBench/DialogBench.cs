using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.WebhookBench;

/// <summary>
/// bench/dialogs.sh's driver: N simulated students at once, each sending the real sequence of signed, encrypted
/// safe-mode messages of a complete 报修 (报修 → category → sub-category → place → description → 跳过 → 确认) and
/// waiting for each reply before the next, as a person does; every reply is decrypted and checked, the last must
/// carry a ticket number. The baseline, in the same run, is the same number of users and messages on the Bot's
/// cheapest path (帮助, answered from the menu without a session or the database). Rounds alternate the order of the
/// two phases so drift on a shared machine does not favour one.
/// </summary>
internal static partial class DialogBench
{
    private const string Token = "demo-token-change-me";
    private const string AesKey = "DemoKeyForLocalSimulatorOnly0123456789abcde";
    private const string AppId = "wxdemo0c4a11e9c8f0";

    private static readonly WeChatMessageCrypto Crypto = new(Token, AesKey, AppId);

    // The Bot's admission control (Webhook:MaxInFlight) turns a message away with this passive reply (ChatTexts.Crowded).
    private const string Crowded = "现在报修的同学较多，请稍等片刻再发一次～";

    // A student who keeps being told "busy" gives up after this many resends of one message.
    private const int MaxResends = 30;

    private static long _msgId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000;
    private static long _nonce = 100_000;

    private sealed record Step(string Name, Func<int, string> Text, string Expect);

    private static readonly Step[] Repair =
    [
        new("报修", _ => "报修", "请问是哪类问题"),
        new("类别", _ => "1", "具体是哪一项"),
        new("子类别", _ => "1", "请告诉我报修地点"),
        new("地点", i => $"东区1号楼{301 + (i % 40)}", "请简单描述一下问题"),
        new("描述", i => $"水龙头一直滴水，关不紧（压测{i}）", "没有照片请回复“跳过”"),
        new("跳过照片", _ => "跳过", "请核对报修信息"),
        new("确认", _ => "确认", "报修已提交！单号：R"),
    ];

    private static readonly Step[] Help = [.. Enumerable.Range(1, Repair.Length).Select(n => new Step("帮助", _ => "帮助", "请回复数字或关键词"))];

    public static async Task<int> RunAsync(string[] args)
    {
        var bot = BenchProgram.Option(args, "--bot", "http://127.0.0.1:5101");
        var users = Int(args, "--users", 500);
        var rounds = Int(args, "--rounds", 2);
        var warmupUsers = Int(args, "--warmup-users", 100);
        var apiPort = Int(args, "--api-port", 5102);
        var numbersOut = BenchProgram.Option(args, "--numbers-out", "ticket-numbers.txt");
        var prefix = BenchProgram.Option(args, "--user-prefix", "o-dlg-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "-");
        var cpu = ProcessCpu.Parse(BenchProgram.Option(args, "--cpu", ""), BenchProgram.Option(args, "--cpu-tree", ""));

        await using var api = await FakeWeChatApi.StartAsync(apiPort);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = new Uri(bot),
            Timeout = TimeSpan.FromSeconds(60),
        };

        var numbers = new ConcurrentBag<string>();
        var run = new Runner(http, api, numbers, cpu);

        // Warm-up: JIT, connection pools, the reference-data cache; counted in the database check, not in the figures.
        await run.PhaseAsync("warm-up help", Help, prefix + "w-h-", warmupUsers);
        await run.PhaseAsync("warm-up repair", Repair, prefix + "w-r-", warmupUsers);
        Console.WriteLine($"warm-up done ({warmupUsers} users each way)");

        var results = new List<(PhaseResult Help, PhaseResult Repair)>();
        for (var round = 1; round <= rounds; round++)
        {
            PhaseResult help, repair;
            if (round % 2 == 1)
            {
                help = await run.PhaseAsync("help", Help, $"{prefix}r{round}-h-", users);
                repair = await run.PhaseAsync("repair", Repair, $"{prefix}r{round}-r-", users);
            }
            else
            {
                repair = await run.PhaseAsync("repair", Repair, $"{prefix}r{round}-r-", users);
                help = await run.PhaseAsync("help", Help, $"{prefix}r{round}-h-", users);
            }

            results.Add((help, repair));
            Console.WriteLine($"round {round}:");
            Console.WriteLine("  " + help.Line(cpu.Names));
            Console.WriteLine("  " + repair.Line(cpu.Names));
            Console.WriteLine("  " + repair.StepLine());
            Console.WriteLine("  " + Ratios(help, repair, cpu.Names));
        }

        var helpAll = PhaseResult.Combine("help (all rounds)", results.Select(r => r.Help));
        var repairAll = PhaseResult.Combine("repair (all rounds)", results.Select(r => r.Repair));
        Console.WriteLine("all rounds:");
        Console.WriteLine("  " + helpAll.Line(cpu.Names));
        Console.WriteLine("  " + repairAll.Line(cpu.Names));
        Console.WriteLine("  " + repairAll.StepLine());
        Console.WriteLine("  " + Ratios(helpAll, repairAll, cpu.Names));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT tickets_per_s={repairAll.DialogsPerSecond:F1} repair_msg_per_s={repairAll.MessagesPerSecond:F1} help_msg_per_s={helpAll.MessagesPerSecond:F1} " +
            $"repair_p50_ms={repairAll.Percentile(0.50):F1} repair_p99_ms={repairAll.Percentile(0.99):F1} help_p50_ms={helpAll.Percentile(0.50):F1} help_p99_ms={helpAll.Percentile(0.99):F1} " +
            $"errors={repairAll.Errors.Values.Sum() + helpAll.Errors.Values.Sum()} deferred={repairAll.Deferred + helpAll.Deferred} busy={repairAll.Busy + helpAll.Busy}"));

        var all = numbers.ToList();
        await File.WriteAllLinesAsync(numbersOut, all.Order(StringComparer.Ordinal));
        var distinct = all.Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine($"ticket numbers received: {all.Count} (distinct {distinct}), written to {numbersOut}");
        var failed = results.Sum(r => r.Help.Errors.Values.Sum() + r.Repair.Errors.Values.Sum());
        return failed == 0 && distinct == all.Count ? 0 : 1;
    }

    private static string Ratios(PhaseResult help, PhaseResult repair, IReadOnlyList<string> names)
    {
        var builder = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"repair/help: msg/s {repair.MessagesPerSecond / help.MessagesPerSecond:F2}, p50 {repair.Percentile(0.5) / help.Percentile(0.5):F2}×, p99 {repair.Percentile(0.99) / help.Percentile(0.99):F2}×"));
        for (var i = 0; i < names.Count; i++)
        {
            if (help.CpuPerMessageMs(i) > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $", {names[i]} CPU/msg {repair.CpuPerMessageMs(i) / help.CpuPerMessageMs(i):F2}×");
            }
        }

        var totalHelp = Enumerable.Range(0, names.Count - 1).Sum(help.CpuPerMessageMs);
        var totalRepair = Enumerable.Range(0, names.Count - 1).Sum(repair.CpuPerMessageMs);
        if (totalHelp > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $", server-side CPU/msg {totalRepair / totalHelp:F2}×");
        }

        return builder.ToString();
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(BenchProgram.Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"单号：(R\d{8}-\d{4,})")]
    private static partial Regex TicketNumber();

    private sealed record Push(string Path, string Body);

    private sealed class Runner(HttpClient http, FakeWeChatApi api, ConcurrentBag<string> numbers, ProcessCpu cpu)
    {
        public async Task<PhaseResult> PhaseAsync(string name, Step[] steps, string prefix, int users)
        {
            // Signed and encrypted beforehand, so the driver spends its CPU on the conversation, not on AES.
            var pushes = new Push[users][];
            for (var u = 0; u < users; u++)
            {
                var user = prefix + u.ToString("D5", CultureInfo.InvariantCulture);
                pushes[u] = [.. steps.Select(s => Build(user, s.Text(u)))];
            }

            var result = new PhaseResult(name, steps, users);
            var before = cpu.Sample();
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, users).Select(u => Task.Run(() => UserAsync(prefix + u.ToString("D5", CultureInfo.InvariantCulture), steps, pushes[u], result))));
            result.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var after = cpu.Sample();
            result.CpuSeconds = [.. after.Zip(before, (a, b) => a - b)];
            return result;
        }

        /// <summary>
        /// As WeChat's servers do: an attempt not answered with 200 within 5 s (a timeout, a 5xx from the load balancer)
        /// is sent again, the same message, up to three attempts in all; the Bot answers a retry from the first
        /// delivery's outcome.
        /// </summary>
        private async Task<(HttpStatusCode Status, string Body)> DeliverLikeWeChatAsync(Push push, PhaseResult result)
        {
            var status = HttpStatusCode.RequestTimeout;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                if (attempt > 1)
                {
                    Interlocked.Increment(ref result.Retried);
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    using var content = new StringContent(push.Body, Encoding.UTF8, "text/xml");
                    using var response = await http.PostAsync(push.Path, content, timeout.Token);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return (response.StatusCode, body);
                    }

                    status = response.StatusCode;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    status = HttpStatusCode.RequestTimeout;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    // Connection refused or reset: no answer, which WeChat also retries.
                    status = HttpStatusCode.BadGateway;
                }
            }

            return (status, "");
        }

        private async Task UserAsync(string user, Step[] steps, Push[] pushes, PhaseResult result)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var text = await AnswerAsync(user, steps, i, pushes[i], result);
                for (var resend = 1; text == Crowded && resend <= MaxResends; resend++)
                {
                    // The Bot turned the message away without touching it ("busy, send it again in a moment"): as a
                    // student does, wait a little and send the same text again (a new message, a new MsgId).
                    Interlocked.Increment(ref result.Busy);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1_000, 3_000)));
                    text = await AnswerAsync(user, steps, i, Build(user, steps[i].Text(UserIndex(user))), result);
                }

                if (text is null)
                {
                    return;
                }

                result.Record(i, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!text.Contains(steps[i].Expect, StringComparison.Ordinal))
                {
                    result.Error($"unexpected reply at {steps[i].Name}: {Shorten(text)}");
                    return;
                }

                if (i == steps.Length - 1 && steps[i].Name == "确认")
                {
                    var match = TicketNumber().Match(text);
                    if (!match.Success)
                    {
                        result.Error("no ticket number in the final reply");
                        return;
                    }

                    numbers.Add(match.Groups[1].Value);
                }
            }

            Interlocked.Increment(ref result.Completed);
        }

        /// <summary>The answer's text (passive or, past the deadline, by customer-service message); null after an error, recorded.</summary>
        private async Task<string?> AnswerAsync(string user, Step[] steps, int i, Push push, PhaseResult result)
        {
            try
            {
                var (status, body) = await DeliverLikeWeChatAsync(push, result);
                if (status != HttpStatusCode.OK)
                {
                    result.Error($"HTTP {(int)status} at {steps[i].Name} (3 attempts)");
                    return null;
                }

                if (body.Length > 0 && body != "success")
                {
                    return OpenReply(body);
                }

                // Past the 4 s deadline the Bot answers later by customer-service message.
                Interlocked.Increment(ref result.Deferred);
                var text = await api.NextMessageAsync(user, TimeSpan.FromSeconds(30));
                if (text is null)
                {
                    result.Error($"no deferred answer at {steps[i].Name}");
                }

                return text;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                result.Error($"{ex.GetType().Name} at {steps[i].Name}");
                return null;
            }
        }

        private static int UserIndex(string user) => int.Parse(user.AsSpan(user.Length - 5), CultureInfo.InvariantCulture);

        private static string Shorten(string text) => (text.Length > 60 ? text[..60] + "…" : text).ReplaceLineEndings(" ");
    }

    private static Push Build(string user, string text)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var msgId = Interlocked.Increment(ref _msgId);
        var xml = $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{timestamp}</CreateTime>" +
            $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId></xml>";
        var encrypt = Crypto.Encrypt(xml);
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatSignature.Compute(Token, timestamp, nonce);
        var msgSignature = WeChatSignature.Compute(Token, timestamp, nonce, encrypt);
        return new Push(
            $"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={user}&encrypt_type=aes&msg_signature={msgSignature}",
            $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
    }

    /// <summary>Checks the reply's MsgSignature and decrypts it, as WeChat does; returns the text's Content.</summary>
    private static string OpenReply(string envelopeXml)
    {
        var envelope = XElement.Parse(envelopeXml);
        var plain = Crypto.VerifyAndDecrypt(
            envelope.Element("MsgSignature")?.Value, envelope.Element("TimeStamp")!.Value, envelope.Element("Nonce")!.Value, envelope.Element("Encrypt")!.Value);
        return XElement.Parse(plain).Element("Content")?.Value ?? "(" + XElement.Parse(plain).Element("MsgType")?.Value + ")";
    }

    private sealed class PhaseResult(string name, Step[] steps, int users)
    {
        private readonly ConcurrentBag<double>[] _latencies = [.. steps.Select(_ => new ConcurrentBag<double>())];

        public int Completed;
        public int Deferred;

        /// <summary>Attempts sent again after a timeout or a 5xx, as WeChat retries.</summary>
        public int Retried;

        /// <summary>Busy replies (admission control) seen; each was followed by a resend after a pause.</summary>
        public int Busy;

        public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

        public double Seconds { get; set; }

        public double[] CpuSeconds { get; set; } = [];

        public int Messages => _latencies.Sum(l => l.Count);

        public double MessagesPerSecond => Messages / Seconds;

        public double DialogsPerSecond => Completed / Seconds;

        public static PhaseResult Combine(string name, IEnumerable<PhaseResult> parts)
        {
            var list = parts.ToList();
            var combined = new PhaseResult(name, list[0].Steps, list.Sum(p => p.Users))
            {
                Seconds = list.Sum(p => p.Seconds),
                CpuSeconds = [.. Enumerable.Range(0, list[0].CpuSeconds.Length).Select(i => list.Sum(p => p.CpuSeconds[i]))],
                Completed = list.Sum(p => p.Completed),
                Deferred = list.Sum(p => p.Deferred),
                Retried = list.Sum(p => p.Retried),
                Busy = list.Sum(p => p.Busy),
            };
            foreach (var part in list)
            {
                for (var i = 0; i < part._latencies.Length; i++)
                {
                    foreach (var value in part._latencies[i])
                    {
                        combined._latencies[i].Add(value);
                    }
                }

                foreach (var (error, count) in part.Errors)
                {
                    combined.Errors.AddOrUpdate(error, count, (_, c) => c + count);
                }
            }

            return combined;
        }

        private Step[] Steps => steps;

        private int Users => users;

        public void Record(int step, double milliseconds) => _latencies[step].Add(milliseconds);

        public void Error(string what) => Errors.AddOrUpdate(what, 1, (_, c) => c + 1);

        public double Percentile(double p) => PercentileOf([.. _latencies.SelectMany(l => l)], p);

        public double CpuPerMessageMs(int index) => Messages == 0 ? 0 : CpuSeconds[index] * 1000 / Messages;

        public string Line(IReadOnlyList<string> cpuNames)
        {
            var builder = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"{name,-7}: {users} users, {Completed} completed, {Messages} msgs in {Seconds:F2} s = {MessagesPerSecond:F0} msg/s"));
            if (steps[^1].Name == "确认")
            {
                builder.Append(CultureInfo.InvariantCulture, $", {DialogsPerSecond:F1} tickets/s");
            }

            builder.Append(CultureInfo.InvariantCulture, $"; per msg p50 {Percentile(0.5):F1} ms p99 {Percentile(0.99):F1} ms; errors {Errors.Values.Sum()}; deferred {Deferred}; retried {Retried}; busy replies {Busy} (each resent)");
            builder.Append("; CPU ms/msg");
            for (var i = 0; i < cpuNames.Count; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $" {cpuNames[i]} {CpuPerMessageMs(i):F3}");
            }

            foreach (var (error, count) in Errors)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\n    error ×{count}: {error}");
            }

            return builder.ToString();
        }

        public string StepLine()
        {
            var builder = new StringBuilder("per step p50/p99 ms:");
            for (var i = 0; i < steps.Length; i++)
            {
                double[] values = [.. _latencies[i]];
                builder.Append(CultureInfo.InvariantCulture, $" {steps[i].Name} {PercentileOf(values, 0.5):F1}/{PercentileOf(values, 0.99):F1}");
            }

            return builder.ToString();
        }

        private static double PercentileOf(double[] values, double p)
        {
            if (values.Length == 0)
            {
                return double.NaN;
            }

            Array.Sort(values);
            return values[(int)Math.Round(p * (values.Length - 1))];
        }
    }
}
