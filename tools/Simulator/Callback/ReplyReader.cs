using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Simulator.Callback;

/// <summary>
/// Reads the bot's answer as the WeChat server would: <c>success</c>/empty means no reply; an encrypted reply
/// (PROTOCOL §1.5) must carry a MsgSignature that verifies and must decrypt with our AppId; the reply XML (§3.2)
/// must be addressed back to the user from the account.
/// </summary>
public sealed class ReplyReader(CallbackSettings settings, WeChatMessageCrypto? crypto)
{
    public BotAnswer Read(HttpStatusCode status, string body, string user)
    {
        if (status != HttpStatusCode.OK)
        {
            var detail = body.Length > 200 ? body[..200] + "…" : body;
            return BotAnswer.Problem(AnswerKind.HttpError, $"(HTTP {(int)status} {detail.Trim()}; WeChat would retry)");
        }

        // Both mean "no passive reply"; an XML reply with an empty Content is NOT the same thing (PROTOCOL §3.1).
        if (body.Length == 0 || body == "success")
        {
            return new BotAnswer(AnswerKind.NoReply, BotAnswer.NoReplyText, []);
        }

        XElement root;
        try
        {
            root = Parse(body);
        }
        catch (XmlException ex)
        {
            return Unreadable($"answer is neither success nor XML ({ex.Message})");
        }

        var warnings = new List<string>();
        var encrypt = root.Element("Encrypt")?.Value;
        if (encrypt is null)
        {
            if (settings.Mode is CallbackMode.Safe or CallbackMode.WeCom)
            {
                warnings.Add("plaintext reply in safe mode: WeChat requires an encrypted reply");
            }

            return Describe(root, user, warnings);
        }

        if (crypto is null)
        {
            return Unreadable("encrypted reply in plaintext mode");
        }

        return Open(root, encrypt, user, warnings);
    }

    private BotAnswer Open(XElement envelope, string encrypt, string user, List<string> warnings)
    {
        var signature = envelope.Element("MsgSignature")?.Value;
        var timestamp = envelope.Element("TimeStamp")?.Value ?? "";
        var nonce = envelope.Element("Nonce")?.Value ?? "";
        if (!crypto!.VerifyMsgSignature(signature, timestamp, nonce, encrypt))
        {
            warnings.Add("!!! REPLY MsgSignature DOES NOT VERIFY: WeChat would discard this reply !!!");
        }

        try
        {
            // Decrypt also checks the AppId after the message (ValidateAppid, PROTOCOL §1.6).
            return Describe(Parse(crypto.Decrypt(encrypt)), user, warnings);
        }
        catch (WeChatCryptoException ex)
        {
            return Unreadable($"the encrypted reply does not decrypt: {ex.Error} ({ex.Message})");
        }
        catch (XmlException ex)
        {
            return Unreadable($"the decrypted reply is not XML ({ex.Message})");
        }
    }

    private BotAnswer Describe(XElement reply, string user, List<string> warnings)
    {
        var to = reply.Element("ToUserName")?.Value;
        var from = reply.Element("FromUserName")?.Value;
        if (to != user)
        {
            warnings.Add($"reply ToUserName is '{to}', expected the user '{user}'");
        }

        if (from != settings.Account)
        {
            warnings.Add($"reply FromUserName is '{from}', expected the account '{settings.Account}'");
        }

        var msgType = reply.Element("MsgType")?.Value;
        var text = msgType switch
        {
            "text" => reply.Element("Content")?.Value ?? "",
            "image" => $"[image MediaId={reply.Element("Image")?.Element("MediaId")?.Value}]",
            "news" => DescribeNews(reply),
            null => null,
            _ => $"[{msgType}]",
        };
        return text is null
            ? Unreadable("reply XML has no MsgType")
            : new BotAnswer(AnswerKind.Reply, text, warnings);
    }

    private static string DescribeNews(XElement reply)
    {
        var text = new StringBuilder();
        foreach (var item in reply.Element("Articles")?.Elements("item") ?? [])
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append("[news] ").Append(item.Element("Title")?.Value)
                .Append(" — ").Append(item.Element("Description")?.Value)
                .Append(" (").Append(item.Element("Url")?.Value).Append(')');
        }

        return text.Length > 0 ? text.ToString() : "[news without articles]";
    }

    private static BotAnswer Unreadable(string why) =>
        BotAnswer.Problem(AnswerKind.Unreadable, $"(unusable answer: {why}; the user would see 该公众号暂时无法提供服务)");

    private static XElement Parse(string xml)
    {
        var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), readerSettings);
        return XElement.Load(reader);
    }
}
