using System.Text;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Support;

namespace WechatLogistics.Wechat.Tests.Crypto;

public sealed partial class WeChatMessageCryptoTests
{
    private const string TestKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string TestReceiveId = "wx5823bf96d3bd56c7";

    private static readonly WeChatMessageCrypto Shared = new("QDG6eK", TestKey, TestReceiveId);

    /// <summary>Every size 1..200, then sizes around block and buffer boundaries up to 5000.</summary>
    public static TheoryData<int> MessageSizes()
    {
        var data = new TheoryData<int>();
        foreach (var size in Enumerable.Range(1, 200)
            .Concat([255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 3001, 4095, 4096, 4097, 4999, 5000]))
        {
            data.Add(size);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MessageSizes))]
    public void DecryptDetailed_EncryptedMessageOfSize_RoundTripsWithConsistentLengths(int size)
    {
        foreach (var message in MessagesOfUtf8Size(size))
        {
            var encrypt = Shared.Encrypt(message);
            var payload = Shared.DecryptDetailed(encrypt);

            var fullLength = 20 + size + TestReceiveId.Length;
            Assert.Equal(message, payload.Message);
            Assert.Equal(size, payload.MessageLength);
            Assert.Equal(fullLength, payload.FullLength);
            Assert.Equal(0, payload.CipherLength % 32);
            Assert.Equal(payload.CipherLength - fullLength, payload.PadByte);
            Assert.InRange(payload.PadByte, 1, 32);
            Assert.Equal(message, Shared.Decrypt(encrypt));
        }
    }

    [Fact]
    public void Encrypt_SameMessageTwice_UsesFreshRandomPrefix()
    {
        var first = Shared.Encrypt("报修：3号楼水管漏水");
        var second = Shared.Encrypt("报修：3号楼水管漏水");

        Assert.NotEqual(first, second);
        Assert.NotEqual(Shared.DecryptDetailed(first).RandomAscii, Shared.DecryptDetailed(second).RandomAscii);
    }

    [Fact]
    public void Encrypt_EmptyMessage_RoundTrips()
    {
        var payload = Shared.DecryptDetailed(Shared.Encrypt(string.Empty));

        Assert.Equal(string.Empty, payload.Message);
        Assert.Equal(0, payload.MessageLength);
    }

    [Fact]
    public void Encrypt_RandomPrefixNot16Bytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Shared.Encrypt("hi", new byte[15]));
    }

    [Fact]
    public void DecryptDetailed_ManyThreadsSharingOneInstance_AllRoundTrip()
    {
        var failures = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var message = $"<xml><Content><![CDATA[消息 {i} {new string('x', i)}]]></Content></xml>";
            if (Shared.Decrypt(Shared.Encrypt(message)) != message)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void BuildEncryptedReply_PassiveReplyXml_DecryptsBackAndSignatureVerifies()
    {
        const string reply = "<xml><ToUserName><![CDATA[openid]]></ToUserName><Content><![CDATA[已受理 ]]]]><![CDATA[>]]></Content></xml>";

        var envelope = Shared.BuildEncryptedReply(reply, "1713424427", "415670741");

        var encrypt = XmlElements.Single(envelope, "xml/Encrypt");
        var signature = XmlElements.Single(envelope, "xml/MsgSignature");
        Assert.Equal("1713424427", XmlElements.Single(envelope, "xml/TimeStamp"));
        Assert.Equal("415670741", XmlElements.Single(envelope, "xml/Nonce"));
        Assert.True(Shared.VerifyMsgSignature(signature, "1713424427", "415670741", encrypt));
        Assert.Equal(reply, Shared.VerifyAndDecrypt(signature, "1713424427", "415670741", encrypt));
        Assert.Equal(
            ["xml/Encrypt", "xml/MsgSignature", "xml/TimeStamp", "xml/Nonce", "xml"],
            XmlElements.Read(envelope).Select(e => e.Key));
    }

    [Theory]
    [InlineData("1713424427", "415670741")]
    [InlineData("1713424427", "n]]>o<n&ce")]
    [InlineData("17<13&424427", "415670741")]
    public void BuildEncryptedReply_AnyTimestampAndNonce_ComeBackAsSentAndSigned(string timestamp, string nonce)
    {
        var envelope = Shared.BuildEncryptedReply("<xml><Content><![CDATA[好]]></Content></xml>", timestamp, nonce);

        var encrypt = XmlElements.Single(envelope, "xml/Encrypt");
        Assert.Equal(timestamp, XmlElements.Single(envelope, "xml/TimeStamp"));
        Assert.Equal(nonce, XmlElements.Single(envelope, "xml/Nonce"));
        Assert.True(Shared.VerifyMsgSignature(XmlElements.Single(envelope, "xml/MsgSignature"), timestamp, nonce, encrypt));
    }

    /// <summary>Messages of exactly <paramref name="size"/> UTF-8 bytes: ASCII, Chinese, emoji, mixed.</summary>
    private static IEnumerable<string> MessagesOfUtf8Size(int size)
    {
        yield return Fill(size, "a");
        yield return Fill(size, "中");
        yield return Fill(size, "😀");
        yield return Fill(size, "报修<x>&\n😀é");
    }

    /// <summary>Repeats <paramref name="unit"/> while whole characters fit, then tops up with ASCII.</summary>
    private static string Fill(int size, string unit)
    {
        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in Enumerable.Repeat(unit, (size / Math.Max(1, unit.Length)) + 1).SelectMany(u => u.EnumerateRunes()))
        {
            if (bytes + rune.Utf8SequenceLength > size)
            {
                break;
            }

            builder.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        builder.Append('z', size - bytes);
        return builder.ToString();
    }
}
