using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Wechat.Tests.Fuzz;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// Hostile input at the HTTP edge (issue 7): thousands of mutated POSTs to both callbacks. Every answer is 200 or a
/// 4xx (never a 500), and a push whose signature cannot verify never reaches the delivery ledger. Seeded: a failure
/// names the seed and iteration to replay (FUZZ_SEED overrides the fixed seeds).
/// </summary>
public sealed class CallbackFuzzTests
{
    private const int Requests = 1_500;

    private static readonly Dictionary<string, string?> NoRateLimit = new() { ["WeChat:CallbackRateLimit:PermitsPerSecond"] = "0" };

    private readonly WeChatPush _oa = new();
    private readonly WeComPush _wecom = new();

    [Fact]
    public async Task ForgedPushes_AnyQueryAndBody_Answer4xx_AndProcessNothing()
    {
        await using var host = new BotFactory(settings: NoRateLimit);
        var client = host.CreateClient();

        await FuzzRun.ForAllAwaitedAsync(13_001, Requests, random => Forge(random, Signed(random)), async push =>
        {
            var response = await client.SendAsync(push.ToRequest());

            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Equal(0, host.Ledger.Claims);
        }, push => push.ToString());

        Assert.Equal(0, host.Probe.Runs);
    }

    [Fact]
    public async Task SignedPushes_MutatedAfterSigning_Answer200Or4xx_AndOnlyAcceptedOnesAreClaimed()
    {
        await using var host = new BotFactory(settings: NoRateLimit);
        var client = host.CreateClient();
        var accepted = 0;
        var refused = 0;

        await FuzzRun.ForAllAwaitedAsync(13_002, Requests, random => MutateSigned(random, Signed(random)), async push =>
        {
            var claimsBefore = host.Ledger.Claims;
            var response = await client.SendAsync(push.ToRequest());
            var status = (int)response.StatusCode;

            Assert.True(status == 200 || status is >= 400 and <= 499, $"status {status}");
            var claimed = host.Ledger.Claims - claimsBefore;
            if (status == 200)
            {
                Assert.InRange(claimed, 0, 1);
                accepted++;
            }
            else
            {
                Assert.Equal(0, claimed);
                refused++;
            }
        }, push => push.ToString());

        // Both outcomes are exercised: mutations outside what the signature covers still parse; the rest are refused.
        Assert.True(accepted > 50, $"only {accepted} accepted");
        Assert.True(refused > 50, $"only {refused} refused");
    }

    /// <summary>A push as the platform would send it: OA (plain, compatible or safe) or WeCom, sometimes with fuzzed XML inside.</summary>
    private Push Signed(Random random)
    {
        var msgId = random.NextInt64(1, long.MaxValue);
        var content = random.Next(3) switch { 0 => "探针", 1 => "帮助", _ => Printable(random, random.Next(0, 80)) };
        var wecom = random.Next(2) == 0;
        var xml = wecom ? _wecom.TextXml("zhang.san", content, msgId) : WeChatPush.TextXml("o-fuzz", content, msgId);
        if (random.Next(3) == 0)
        {
            // Hostile plaintext, correctly encrypted and signed: must be refused by the parser or parsed cleanly.
            xml = random.Next(2) == 0 ? XmlMutator.Mutate(random, xml) : XmlMutator.Next(random);
        }

        var request = wecom ? _wecom.Build(xml) : _oa.Build(xml, (PushMode)random.Next(3));
        var uri = request.RequestUri!.OriginalString;
        var query = uri[(uri.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
        return new Push(wecom ? "/wecom/callback" : "/wechat/callback", query.Split('&').ToList(), Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Replaces, drops or duplicates the signature that guards the push, then mutates anything else.</summary>
    private static Push Forge(Random random, Push push)
    {
        var name = push.Path.StartsWith("/wecom", StringComparison.Ordinal) ? "msg_signature" : "signature";
        var index = push.Query.FindIndex(p => p.StartsWith(name + "=", StringComparison.Ordinal));
        var original = push.Query[index];
        switch (random.Next(5))
        {
            case 0:
                push.Query.RemoveAt(index);
                break;
            case 1: // Duplicated: ASP.NET joins the values with a comma, which is no signature.
                push.Query.Insert(random.Next(push.Query.Count + 1), original);
                break;
            case 2:
                push.Query[index] = name + "=" + Convert.ToHexStringLower(RandomBytes(random, 20));
                break;
            case 3:
                push.Query[index] = name + "=" + Uri.EscapeDataString(Printable(random, random.Next(0, 60)));
                break;
            default: // One character off.
                var value = original[(name.Length + 1)..];
                var at = random.Next(value.Length);
                push.Query[index] = name + "=" + value[..at] + (value[at] == '0' ? '1' : '0') + value[(at + 1)..];
                break;
        }

        for (var rounds = random.Next(0, 3); rounds > 0; rounds--)
        {
            push = random.Next(2) == 0 ? MutateQuery(random, push, keep: name) : MutateBody(random, push);
        }

        return push;
    }

    /// <summary>Leaves the signatures alone and mutates the body (after signing and encrypting) or the unsigned parameters.</summary>
    private static Push MutateSigned(Random random, Push push)
    {
        for (var rounds = random.Next(0, 3); rounds > 0; rounds--)
        {
            push = random.Next(3) == 0 ? MutateQuery(random, push, keep: "signature") : MutateBody(random, push);
        }

        return push;
    }

    private static Push MutateQuery(Random random, Push push, string keep)
    {
        string[] names = ["timestamp", "nonce", "openid", "encrypt_type", "msg_signature", "signature", "echostr", "x"];
        var name = names[random.Next(names.Length)];
        if (name == keep || (keep == "signature" && name == "msg_signature"))
        {
            name = "openid";
        }

        var index = push.Query.FindIndex(p => p.StartsWith(name + "=", StringComparison.Ordinal));
        string[] values =
        [
            "", "-1", "0", "99999999999999999999999", long.MaxValue.ToString(CultureInfo.InvariantCulture), "9223372036854775808",
            "1e10", "%00", "%FF%FE", "aes", "AES", "raw", Uri.EscapeDataString(Printable(random, 30)), "%", "%%", "&&", "==",
        ];
        var replacement = name + "=" + values[random.Next(values.Length)];
        switch (random.Next(3))
        {
            case 0 when index >= 0:
                push.Query.RemoveAt(index);
                break;
            case 1 when index >= 0: // Duplicated with the same or another value.
                push.Query.Insert(random.Next(push.Query.Count + 1), random.Next(2) == 0 ? push.Query[index] : replacement);
                break;
            default:
                if (index >= 0)
                {
                    push.Query[index] = replacement;
                }
                else
                {
                    push.Query.Add(replacement);
                }

                break;
        }

        return push;
    }

    private static Push MutateBody(Random random, Push push)
    {
        var body = random.Next(6) switch
        {
            0 => RandomBytes(random, random.Next(0, 600)),
            1 => FlipBits(random, push.Body),
            2 => push.Body[..random.Next(push.Body.Length + 1)],
            3 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(push.Body), random.Next(2, 400)))),
            _ => Encoding.UTF8.GetBytes(XmlMutator.Mutate(random, Encoding.UTF8.GetString(push.Body))),
        };
        return push with { Body = body };
    }

    private static byte[] FlipBits(Random random, byte[] body)
    {
        var copy = body.ToArray();
        for (var flips = random.Next(1, 6); flips > 0 && copy.Length > 0; flips--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Printable(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? (char)random.Next(0x4E00, 0x9FA5) : (char)random.Next(0x20, 0x7F)).ToArray());

    private sealed record Push(string Path, List<string> Query, byte[] Body)
    {
        public HttpRequestMessage ToRequest()
        {
            var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
            return new HttpRequestMessage(HttpMethod.Post, Path + "?" + string.Join('&', Query)) { Content = content };
        }

        public override string ToString() =>
            $"POST {Path}?{string.Join('&', Query)}{Environment.NewLine}{Convert.ToBase64String(Body)}";
    }
}
