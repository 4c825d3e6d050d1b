using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Support;
using WechatLogistics.Wechat.Tests.Vectors;

namespace WechatLogistics.Wechat.Tests.Crypto;

public sealed class WeChatSignatureTests
{
    [Theory]
    [MemberData(nameof(VectorData.OfKind), "signature", MemberType = typeof(VectorData))]
    public void Compute_SignatureVector_MatchesSortedConcatAndSignature(string id)
    {
        var v = VectorFile.Get(id);
        string[] parts = [v.Require(v.Token, "token"), v.Require(v.Timestamp, "timestamp"), v.Require(v.Nonce, "nonce")];

        Assert.Equal(v.SortedConcat, WeChatSignature.SortedConcat(parts));
        Assert.Equal(v.Signature, WeChatSignature.Compute(parts));
        Assert.True(WeChatSignature.Verify(v.Signature, parts));
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKindWithQuery), "signature", MemberType = typeof(VectorData))]
    public void Verify_SignatureVectorRequestQuery_AcceptsParsedValuesAndEchoesEchostr(string id)
    {
        var v = VectorFile.Get(id);
        var query = QueryString.Parse(v.Require(v.RequestQuery, "requestQuery"));

        Assert.Equal(v.Signature, query["signature"]);
        Assert.Equal(v.Timestamp, query["timestamp"]);
        Assert.Equal(v.Nonce, query["nonce"]);
        Assert.True(WeChatSignature.Verify(query["signature"], v.Require(v.Token, "token"), query["timestamp"], query["nonce"]));
        // Plaintext-mode GET: the reply body is echostr exactly as received (PROTOCOL §1.2).
        Assert.Equal(v.Echostr, query["echostr"]);
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKind), "signature", MemberType = typeof(VectorData))]
    public void Verify_OneCharacterChanged_ReturnsFalse(string id)
    {
        var v = VectorFile.Get(id);
        var signature = v.Require(v.Signature, "signature");
        var tampered = Mutate.OneChar(signature, 7);

        Assert.False(WeChatSignature.Verify(tampered, v.Token!, v.Timestamp!, v.Nonce!));
        Assert.False(WeChatSignature.Verify(signature, v.Token!, v.Timestamp!, Mutate.OneChar(v.Nonce!, 0)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("f464b24fc39322e44b38aa78f5edd27bd144169")]
    [InlineData("f464b24fc39322e44b38aa78f5edd27bd14416966")]
    [InlineData("F464B24FC39322E44B38AA78F5EDD27BD1441696")]
    [InlineData("f464b24fc39322e44b38aa78f5edd27bd144169\u00e9")]
    public void Verify_MissingWrongLengthOrNotLowercaseHex_ReturnsFalse(string? expected)
    {
        Assert.False(WeChatSignature.Verify(expected, "AAAAA", "1714036504", "1514711492"));
    }

    [Fact]
    public void Verify_NullPart_ReturnsFalseInsteadOfThrowing()
    {
        var signature = WeChatSignature.Compute("AAAAA", "1714036504", "1514711492");

        Assert.False(WeChatSignature.Verify(signature, "AAAAA", null!, "1514711492"));
    }

    [Fact]
    public void SortedConcat_MixedCaseAndSymbols_SortsOrdinallyNotByCulture()
    {
        // Ordinal: '1' (0x31) < 'B' (0x42) < '_' (0x5F) < 'a' (0x61); a culture sort puts "a" before "B".
        Assert.Equal("1B_a", WeChatSignature.SortedConcat("a", "_", "B", "1"));
    }

    [Fact]
    public void Compute_PartOrder_DoesNotChangeSignature()
    {
        var forward = WeChatSignature.Compute("token", "1409659813", "1372623149", "cipher");
        var backward = WeChatSignature.Compute("cipher", "1372623149", "1409659813", "token");

        Assert.Equal(forward, backward);
        Assert.Matches("^[0-9a-f]{40}$", forward);
    }

    [Fact]
    public void Compute_LongNonAsciiParts_HashesUtf8Bytes()
    {
        var longPart = new string('中', 2000);
        var expected = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes("1" + longPart)));

        Assert.Equal(expected, WeChatSignature.Compute(longPart, "1"));
    }
}
