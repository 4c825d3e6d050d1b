namespace WechatLogistics.Wechat.Tests.Vectors;

public sealed class VectorFileTests
{
    [Fact]
    public void Vectors_SharedFile_HoldsEveryProtocolKind()
    {
        // Fails (never skips) with the searched paths when shared/wechat/vectors.json cannot be found.
        var kinds = VectorFile.Vectors.Select(v => v.Kind).ToHashSet();

        Assert.Superset(new HashSet<string> { "verify-url", "decrypt", "encrypt", "signature", "round-trip" }, kinds);
        Assert.All(VectorFile.Vectors, v => Assert.False(string.IsNullOrEmpty(v.Id)));
        Assert.Equal(VectorFile.Vectors.Count, VectorFile.Vectors.Select(v => v.Id).Distinct().Count());
    }

    [Fact]
    public void RepositoryCopy_IsByteForByteTheSharedFile()
    {
        // The copy only serves a checkout without 'shared' beside it; wherever the shared file is present, the copy
        // must not have drifted from it.
        Assert.True(File.Exists(VectorFile.RepositoryCopy), "tests/Wechat.Tests/Vectors/vectors.json should be copied to the output");
        if (VectorFile.LocateShared() is { } shared)
        {
            Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(VectorFile.RepositoryCopy));
        }
    }
}
