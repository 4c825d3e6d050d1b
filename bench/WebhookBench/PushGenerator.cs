using System.Globalization;
using System.Text;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.WebhookBench;

/// <summary>
/// Writes one push per line as "path TAB body": safe mode, a unique MsgId each, so every request takes the full
/// path (verify, decrypt, parse, claim, session, dispatch, encrypted reply) and none is answered as a duplicate.
/// The credentials are the demo ones in appsettings.json.
/// </summary>
internal static class PushGenerator
{
    private const string Token = "demo-token-change-me";
    private const string AesKey = "DemoKeyForLocalSimulatorOnly0123456789abcde";
    private const string AppId = "wxdemo0c4a11e9c8f0";

    public static void Run(string[] args)
    {
        var count = int.Parse(BenchProgram.Option(args, "--count", "100000"), CultureInfo.InvariantCulture);
        var output = BenchProgram.Option(args, "--out", "pushes.txt");
        var text = BenchProgram.Option(args, "--text", "帮助");
        var users = int.Parse(BenchProgram.Option(args, "--users", "5000"), CultureInfo.InvariantCulture);
        var crypto = new WeChatMessageCrypto(Token, AesKey, AppId);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var runId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;

        using var writer = new StreamWriter(output, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var user = "o-bench-" + (i % users).ToString("D6", CultureInfo.InvariantCulture);
            var xml = $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{timestamp}</CreateTime>" +
                $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{runId + i}</MsgId></xml>";
            var encrypt = crypto.Encrypt(xml);
            var nonce = (100_000 + i).ToString(CultureInfo.InvariantCulture);
            var signature = WeChatSignature.Compute(Token, timestamp, nonce);
            var msgSignature = WeChatSignature.Compute(Token, timestamp, nonce, encrypt);
            writer.Write($"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={user}&encrypt_type=aes&msg_signature={msgSignature}");
            writer.Write('\t');
            writer.Write($"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
            writer.Write('\n');
        }
    }
}
