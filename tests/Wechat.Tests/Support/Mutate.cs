namespace WechatLogistics.Wechat.Tests.Support;

public static class Mutate
{
    /// <summary>Replaces the character at <paramref name="index"/> by a different one of the same class.</summary>
    public static string OneChar(string value, int index)
    {
        var c = value[index];
        var replacement = c switch
        {
            >= '0' and < '9' => (char)(c + 1),
            '9' => '0',
            >= 'a' and < 'z' => (char)(c + 1),
            'z' => 'a',
            >= 'A' and < 'Z' => (char)(c + 1),
            'Z' => 'A',
            _ => 'x',
        };
        return value[..index] + replacement + value[(index + 1)..];
    }
}
