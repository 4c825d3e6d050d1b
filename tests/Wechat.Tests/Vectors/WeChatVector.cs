namespace WechatLogistics.Wechat.Tests.Vectors;

/// <summary>One entry of shared/wechat/vectors.json (PROTOCOL §6.1). Absent fields are null.</summary>
public sealed record WeChatVector
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public string? Title { get; init; }
    public string? Token { get; init; }
    public string? EncodingAesKey { get; init; }
    public string? ReceiveId { get; init; }
    public string? Timestamp { get; init; }
    public string? Nonce { get; init; }
    public string? Signature { get; init; }
    public string? MsgSignature { get; init; }
    public string? Echostr { get; init; }
    public string? Encrypt { get; init; }
    public string? PostBody { get; init; }
    public string? RequestQuery { get; init; }
    public string? Plaintext { get; init; }
    public string? Format { get; init; }
    public string? RandomAscii { get; init; }
    public string? ExpectedEncrypt { get; init; }
    public string? ExpectedRandomAscii { get; init; }
    public int? ExpectedMsgLength { get; init; }
    public int? ExpectedFullLength { get; init; }
    public int? ExpectedCipherLength { get; init; }
    public int? ExpectedPadByte { get; init; }
    public string? SortedConcat { get; init; }
    public WeChatReplyVector? Reply { get; init; }

    public string Require(string? value, string field) =>
        value ?? throw new InvalidOperationException($"Vector {Id} ({Kind}) has no '{field}'.");
}

public sealed record WeChatReplyVector
{
    public required string Timestamp { get; init; }
    public required string Nonce { get; init; }
    public required string RandomAscii { get; init; }
    public required string Plaintext { get; init; }
    public string? Format { get; init; }
    public required string ExpectedEncrypt { get; init; }
    public required string ExpectedMsgSignature { get; init; }
    public required int ExpectedPadByte { get; init; }
}
