using System.Text;
using System.Text.Json.Serialization.Metadata;
using Flurl.Http;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>Media come back as bytes, but errors (and video) as JSON: tell them apart before reading (PROTOCOL §4.8).</summary>
internal static class MediaDownload
{
    public static async Task<CgibinMediaGetResponse> ReadAsync(IFlurlResponse response, string path, JsonTypeInfo<CgibinMediaGetResponse> jsonInfo)
    {
        var bytes = await response.GetBytesAsync().ConfigureAwait(false);
        var headers = response.ResponseMessage.Content.Headers;
        var contentType = headers.ContentType?.MediaType;
        if (IsJson(contentType, bytes))
        {
            var parsed = WeChatApiCaller.ParseJson(Encoding.UTF8.GetString(bytes), path, jsonInfo);
            return parsed with { ContentType = contentType };
        }

        var disposition = headers.ContentDisposition;
        var fileName = (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"');
        return new CgibinMediaGetResponse { Content = bytes, ContentType = contentType, FileName = fileName };
    }

    private static bool IsJson(string? contentType, byte[] bytes)
    {
        if (contentType is not null
            && (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // Error bodies are labelled application/json or text/plain; a text body is never media.
        if (contentType is not null
            && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // Unlabelled or octet-stream: no image or voice format starts with '{'.
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'{';
        }

        return false;
    }
}
