using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat;

/// <summary>Turns the WeChat wire message into the channel-neutral <see cref="ChatInput"/> the engine understands.</summary>
public static class ChatInputMapper
{
    public static ChatInput Map(InboundMessage message, string account, DateTimeOffset receivedAt)
    {
        var input = new ChatInput(account, message.FromUserName, ChatInputKind.Other, receivedAt);
        return message switch
        {
            TextMessage text => input with { Kind = ChatInputKind.Text, Text = text.Content },
            ImageMessage image => input with { Kind = ChatInputKind.Image, Media = new ChatMedia(image.MediaId, image.PicUrl) },
            // Speech recognition is being retired by WeChat, but when it still fills Recognition, treat it as typed text.
            VoiceMessage { Recognition: { Length: > 0 } said } => input with { Kind = ChatInputKind.Text, Text = said },
            VoiceMessage voice => input with { Kind = ChatInputKind.Voice, Media = new ChatMedia(voice.MediaId, null) },
            VideoMessage video => input with { Kind = ChatInputKind.Video, Media = new ChatMedia(video.MediaId, null) },
            LocationMessage location => input with
            {
                Kind = ChatInputKind.Location,
                Location = new ChatLocation(location.Latitude, location.Longitude, location.Label),
            },
            LinkMessage link => input with { Kind = ChatInputKind.Link, Text = link.Title },
            SubscribeEvent subscribe => input with { Kind = ChatInputKind.Subscribe, EventKey = subscribe.SceneKey },
            UnsubscribeEvent => input with { Kind = ChatInputKind.Unsubscribe },
            ScanEvent scan => input with { Kind = ChatInputKind.Scan, EventKey = scan.EventKey },
            LocationEvent => input with { Kind = ChatInputKind.LocationReport },
            ClickEvent click => input with { Kind = ChatInputKind.MenuClick, EventKey = click.EventKey },
            ViewEvent view => input with { Kind = ChatInputKind.MenuView, EventKey = view.EventKey },
            _ => input,
        };
    }
}
