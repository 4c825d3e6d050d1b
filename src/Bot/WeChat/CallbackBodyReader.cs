using System.Buffers;
using System.Text;

namespace WechatLogistics.Bot.WeChat;

/// <summary>Reads a callback body as UTF-8 text, refusing anything larger than the configured limit.</summary>
public static class CallbackBodyReader
{
    public static async Task<string> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new CallbackRejectedException(CallbackRejection.BodyTooLarge);
        }

        // One byte more than allowed tells "exactly at the limit" from "over it" without trusting Content-Length.
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(total, maxBytes + 1 - total), ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new CallbackRejectedException(CallbackRejection.BodyTooLarge);
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
