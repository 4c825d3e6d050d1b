using System.Net.Http.Headers;
using Flurl.Http.Testing;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Tests.Api.Support;
using static WechatLogistics.Wechat.Tests.Api.Support.ApiTestData;

namespace WechatLogistics.Wechat.Tests.Api;

/// <summary><c>WeChatApiClient.DownloadMediaAsync</c>: bytes on success, JSON for errors and video.</summary>
public sealed class MediaDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DownloadMediaAsync_BinaryBody_ReturnsBytesContentTypeAndFileName()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x7B, 0x00];
        http.ForCallsTo("*/cgi-bin/media/get*").RespondWith(() =>
        {
            var content = new ByteArrayContent(jpeg);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"MEDIA_ID.jpg\"" };
            return content;
        });

        var media = await WeChatClient().DownloadMediaAsync("MEDIA_ID", Ct);

        var call = http.SingleCall("/cgi-bin/media/get");
        Assert.Equal(HttpMethod.Get, call.HttpRequestMessage.Method);
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        Assert.Equal("MEDIA_ID", call.Request.Url.QueryParams.FirstOrDefault("media_id"));
        Assert.Equal(jpeg, media.Content);
        Assert.Equal("image/jpeg", media.ContentType);
        Assert.Equal("MEDIA_ID.jpg", media.FileName);
    }

    [Fact]
    public async Task DownloadMediaAsync_JsonErrorBody_Throws()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/media/get*").RespondWith(Error(40007, "invalid media_id"));

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient().DownloadMediaAsync("BAD", Ct));

        Assert.Equal(40007, ex.ErrorCode);
        Assert.Equal("/cgi-bin/media/get", ex.ApiPath);
    }

    [Fact]
    public async Task DownloadMediaAsync_VideoJson_ReturnsVideoUrl()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/media/get*").RespondWith("""{"video_url":"https://example.com/v.mp4"}""");

        var media = await WeChatClient().DownloadMediaAsync("VIDEO_ID", Ct);

        Assert.Equal("https://example.com/v.mp4", media.VideoUrl);
        Assert.Empty(media.Content);
    }
}
