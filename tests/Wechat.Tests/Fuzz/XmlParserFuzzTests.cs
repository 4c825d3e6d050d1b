using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Wechat.Tests.Fuzz;

/// <summary>
/// Hostile input (issue 7): whatever arrives, the parsers answer with a message or a <see cref="WeChatXmlException"/>
/// (which the receivers turn into a 400), never another exception (a 500) and never a hang.
/// </summary>
public sealed class XmlParserFuzzTests
{
    private const int Iterations = 10_000;

    [Fact]
    public async Task InboundMessageParser_RandomAndMutatedXml_ReturnsAMessageOrThrowsWeChatXmlException()
    {
        var parsed = 0;
        var rejected = 0;

        await FuzzRun.ForAllAsync(7_001, Iterations, XmlMutator.Next, xml =>
        {
            if (ParsesOrRejects(() => InboundMessageParser.Parse(xml)))
            {
                parsed++;
            }
            else
            {
                rejected++;
            }
        }, xml => xml);

        // Not vacuous: many mutations still parse (reaching the typed fields), many are refused.
        Assert.InRange(parsed, Iterations / 20, Iterations);
        Assert.InRange(rejected, Iterations / 20, Iterations);
    }

    [Fact]
    public async Task CallbackEnvelopeParser_RandomAndMutatedEnvelopes_ReturnsAnEnvelopeOrThrowsWeChatXmlException()
    {
        var parsed = 0;

        await FuzzRun.ForAllAsync(7_002, Iterations, NextEnvelope, xml =>
        {
            if (ParsesOrRejects(() => CallbackEnvelopeParser.Parse(xml)))
            {
                parsed++;
            }
        }, xml => xml);

        Assert.InRange(parsed, Iterations / 20, Iterations - (Iterations / 20));
    }

    [Fact]
    public async Task InboundMessageParser_SmallCharacterLimits_NeverThrowAnythingElse()
    {
        await FuzzRun.ForAllAsync(7_003, 5_000, random => (Xml: XmlMutator.Next(random), Limit: random.Next(1, 2_000)), input =>
            ParsesOrRejects(() => InboundMessageParser.Parse(input.Xml, input.Limit)), input => $"limit {input.Limit}: {input.Xml}");
    }

    private static string NextEnvelope(Random random)
    {
        var encrypt = Convert.ToBase64String(Enumerable.Range(0, 32 * random.Next(1, 8)).Select(_ => (byte)random.Next(256)).ToArray());
        var envelope = $"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt>" +
            (random.Next(2) == 0 ? "<AgentID>1000002</AgentID>" : "") + "</xml>";
        var input = random.Next(5) == 0 ? XmlMutator.Next(random) : envelope;
        for (var rounds = random.Next(0, 3); rounds > 0; rounds--)
        {
            input = XmlMutator.Mutate(random, input);
        }

        return input;
    }

    /// <summary>True when parsed, false when refused with <see cref="WeChatXmlException"/>; anything else propagates.</summary>
    private static bool ParsesOrRejects<T>(Func<T> parse)
        where T : class
    {
        try
        {
            Assert.NotNull(parse());
            return true;
        }
        catch (WeChatXmlException)
        {
            return false;
        }
    }
}
