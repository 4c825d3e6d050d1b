namespace WechatLogistics.Simulator.Cli;

public static class Usage
{
    public const string Text = """
        wechat-sim — plays the WeChat server against the bot, and fakes the WeChat/WeCom API for it.

        Usage:
          wechat-sim chat --user <openid> [connection options] [--retry]
          wechat-sim chat --wecom --user <userid> [connection options]   (a staff member in the WeCom app)
          wechat-sim run <script.txt> [--user <openid>] [connection options]
          wechat-sim serve-api [--port 5090] [--fail 40001,http503,hang] [--fail-rate 0.1] [--seed N] [--latency-ms 0]
                               [--strict-window] [--strict-consent] [--no-unionid] [--secret <secret>] [--robot-window-seconds 60]
          wechat-sim hash-password [--iterations 100000]   < password on stdin

        Connection options (chat, run):
          --bot <url>         the bot (default http://127.0.0.1:5080; the callback path is /wechat/callback
                              unless the URL has a path)
          --mode <mode>       plain | compat | safe (default safe)
          --token, --aes-key, --appid   the account's Token, EncodingAESKey and AppID (default: the demo values
                              in appsettings.json)
          --account <gh_id>   the account's original ID, sent as ToUserName (default gh_demo)
          --wecom             play WeCom toward /wecom/callback instead (always encrypted; defaults: the demo
                              WeCom app in appsettings.json); --corpid <ww…> and --agentid <n> override it
          --api <url>         a running serve-api: each user message is reported to it (opens the 48-hour window)

        chat reads lines from stdin. A line is a text message, or one of:
          /sub  /unsub  /click <KEY>  /image [url]  /location <lat> <lng> [label]
          /retry (deliver the last push again, same MsgId/CreateTime, as WeChat retries)  /quit
          --retry delivers every push twice and shows both answers.

        run executes a script: '> text' sends (chat commands allowed), '< text' expects the answer to contain text
        (several '<' lines check the same answer), 'user <openid>' switches the sender, '#' starts a comment.
        Exit code 0 when every check passes, 1 otherwise.

        serve-api fakes api.weixin.qq.com and qyapi.weixin.qq.com on 127.0.0.1 and prints each call.
        GET /_sim/log lists the calls as JSON, DELETE /_sim/log clears them; POST /_sim/interaction?openid=,
        POST /_sim/consent?openid=&template_id= and POST /_sim/fail?codes= set up scenarios.

        hash-password prints the PBKDF2 hash of the password read from stdin, for the bot's Auth:StaffAccounts.

        Exit code 2: bad arguments.
        """;
}
