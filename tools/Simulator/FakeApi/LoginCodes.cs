using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>A successful jscode2session exchange (PROTOCOL §4.7).</summary>
public sealed record MiniProgramSession(string OpenId, string UnionId, string SessionKey);

/// <summary>
/// Mini-program login codes by convention: <c>valid-NAME</c> or <c>valid-NAME-ANYTHING</c> logs in user
/// <c>o-NAME</c> with UnionId <c>u-NAME</c> (the code is single-use, as the real one: a second exchange gives 40163);
/// <c>used-…</c> is always 40163; anything else is 40029. More than 100 exchanges for one user within a minute give
/// 45011, the platform's per-user frequency limit.
/// </summary>
public sealed class LoginCodes(TimeProvider time)
{
    public const int PerUserPerMinute = 100;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);

    public (MiniProgramSession? Session, int Errcode) Exchange(string code)
    {
        if (code.Length == 0)
        {
            return (null, 41008);
        }

        if (code.StartsWith("used-", StringComparison.Ordinal))
        {
            return (null, 40163);
        }

        var name = code.StartsWith("valid-", StringComparison.Ordinal) ? code["valid-".Length..].Split('-')[0] : "";
        if (name.Length == 0)
        {
            return (null, 40029);
        }

        lock (_lock)
        {
            if (!WithinFrequency(name))
            {
                return (null, 45011);
            }

            if (!_used.Add(code))
            {
                return (null, 40163);
            }
        }

        // session_key is Base64 of 16 bytes; derived from the code so runs are repeatable. Never give it to a client.
        var sessionKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(code))[..16]);
        return (new MiniProgramSession("o-" + name, "u-" + name, sessionKey), 0);
    }

    private bool WithinFrequency(string name)
    {
        var now = time.GetUtcNow();
        if (!_calls.TryGetValue(name, out var calls))
        {
            _calls[name] = calls = new Queue<DateTimeOffset>();
        }

        while (calls.Count > 0 && now - calls.Peek() >= TimeSpan.FromMinutes(1))
        {
            calls.Dequeue();
        }

        if (calls.Count >= PerUserPerMinute)
        {
            return false;
        }

        calls.Enqueue(now);
        return true;
    }
}
