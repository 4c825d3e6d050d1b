using System.Net.Http.Headers;
using System.Text;

namespace WechatLogistics.Simulator.Callback;

/// <summary>
/// One push exactly as it goes over the wire: the signed query and the body. Kept so that a retry can send the very
/// same bytes (same MsgId, CreateTime, timestamp and nonce), the way WeChat retries.
/// </summary>
/// <param name="User">The sender's OpenID.</param>
/// <param name="Summary">What the push is, for the terminal ("text 帮助", "event CLICK MENU_HELP").</param>
/// <param name="PathAndQuery">Callback path plus the signed query string.</param>
/// <param name="Body">The XML body (plaintext, compatible or safe envelope).</param>
/// <param name="IsUserMessage">A message the user typed or sent (not an event): it opens the 48-hour service window.</param>
public sealed record SignedPush(string User, string Summary, string PathAndQuery, string Body, bool IsUserMessage)
{
    public HttpRequestMessage ToRequest() => new(HttpMethod.Post, PathAndQuery)
    {
        Content = new StringContent(Body, Encoding.UTF8, new MediaTypeHeaderValue("text/xml")),
    };
}
