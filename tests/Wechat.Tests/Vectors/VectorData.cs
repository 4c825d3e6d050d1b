namespace WechatLogistics.Wechat.Tests.Vectors;

/// <summary>
/// [MemberData] sources: one row per vector id (the id is the test's only argument, so it is what the
/// test name shows, e.g. Decrypt_Vector_MatchesPlaintext(id: "V2")). When the file is missing
/// a single row is returned whose test then fails with the locator's message (never an empty theory or a skip).
/// </summary>
public static class VectorData
{
    public const string Missing = "vectors.json not found";

    public static IEnumerable<TheoryDataRow<string>> OfKind(string kind) =>
        Rows(v => v.Kind == kind);

    /// <summary>Vectors of <paramref name="kind"/> that carry the request's query string as sent.</summary>
    public static IEnumerable<TheoryDataRow<string>> OfKindWithQuery(string kind) =>
        Rows(v => v.Kind == kind && v.RequestQuery is not null);

    /// <summary>Vectors that carry a msg_signature over a ciphertext (verify-url, decrypt, round-trip).</summary>
    public static IEnumerable<TheoryDataRow<string>> WithMsgSignature() =>
        Rows(v => v.MsgSignature is not null);

    /// <summary>Vectors whose ciphertext decrypts with a known receive id.</summary>
    public static IEnumerable<TheoryDataRow<string>> WithCiphertext() =>
        Rows(v => v.EncodingAesKey is not null && v.ReceiveId is not null);

    /// <summary>Decrypt vectors whose plaintext is XML.</summary>
    public static IEnumerable<TheoryDataRow<string>> XmlPlaintexts() =>
        Rows(v => v.Kind == "decrypt" && v.Format == "xml");

    private static IEnumerable<TheoryDataRow<string>> Rows(Func<WeChatVector, bool> filter)
    {
        IReadOnlyList<WeChatVector> vectors;
        try
        {
            vectors = VectorFile.Vectors;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            return [new TheoryDataRow<string>(Missing)];
        }

        return vectors
            .Where(filter)
            .Select(v => new TheoryDataRow<string>(v.Id))
            .ToList();
    }
}
