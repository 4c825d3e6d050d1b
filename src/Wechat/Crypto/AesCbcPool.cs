using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WechatLogistics.Wechat.Crypto;

/// <summary>
/// A small pool of keyed <see cref="Aes"/> instances. The one-shot CBC methods are not documented as
/// thread-safe, so each call rents its own instance instead of sharing one; the key is set once per
/// instance, not per message.
/// </summary>
internal sealed class AesCbcPool(byte[] key)
{
    private static readonly int MaxPooled = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentQueue<Aes> _pool = new();

    public Aes Rent()
    {
        if (_pool.TryDequeue(out var aes))
        {
            return aes;
        }

        aes = Aes.Create();
        aes.Key = key;
        return aes;
    }

    public void Return(Aes aes)
    {
        if (_pool.Count < MaxPooled)
        {
            _pool.Enqueue(aes);
        }
        else
        {
            aes.Dispose();
        }
    }
}
