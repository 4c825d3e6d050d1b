using WechatLogistics.Wechat.Api;

namespace WechatLogistics.Wechat.Tests.Api;

public sealed class WeChatRedactionTests
{
    [Theory]
    [InlineData(
        "POST https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=ACCESS.TOKEN-1",
        "POST https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=***")]
    [InlineData(
        "GET /sns/jscode2session?appid=wx1&secret=S3CR3T&js_code=CODE&grant_type=authorization_code",
        "GET /sns/jscode2session?appid=wx1&secret=***&js_code=***&grant_type=authorization_code")]
    [InlineData("/cgi-bin/gettoken?corpid=ww1&corpsecret=CS-1", "/cgi-bin/gettoken?corpid=ww1&corpsecret=***")]
    [InlineData("/cgi-bin/webhook/send?key=693a-91b2 failed", "/cgi-bin/webhook/send?key=*** failed")]
    [InlineData("ACCESS_TOKEN=upper", "ACCESS_TOKEN=***")]
    [InlineData("""{"access_token":"T1","expires_in":7200}""", """{"access_token":"***","expires_in":7200}""")]
    [InlineData("""{"openid":"O","session_key":"a\"b=="}""", """{"openid":"O","session_key":"***"}""")]
    [InlineData("invalid credential, access_token is invalid or not latest rid: 1", "invalid credential, access_token is invalid or not latest rid: 1")]
    [InlineData("/cgi-bin/media/get?media_id=M1&monkey=banana", "/cgi-bin/media/get?media_id=M1&monkey=banana")]
    public void Redact_RemovesCredentialValuesOnly(string input, string expected)
    {
        Assert.Equal(expected, WeChatRedaction.Redact(input));
    }

    [Fact]
    public void Redact_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, WeChatRedaction.Redact(null));
    }

    [Fact]
    public void ApiException_RedactsWhatItIsGiven()
    {
        var ex = new WeChatApiException(40001, "bad token access_token=LEAK", "/cgi-bin/x?access_token=LEAK");

        Assert.DoesNotContain("LEAK", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(40001, ex.ErrorCode);
    }
}
