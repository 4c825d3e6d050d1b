using Mediator;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.StaffChat;

/// <summary>
/// One message a staff member sent to the WeCom app. Staff commands are one line each, so there is no session: the
/// line is parsed and sent as the same Mediator command the staff API uses.
/// </summary>
public sealed record HandleStaffChatMessageCommand(ChatInput Input) : ICommand<ChatReply>;

public sealed class HandleStaffChatMessageCommandHandler : ICommandHandler<HandleStaffChatMessageCommand, ChatReply>
{
    public ValueTask<ChatReply> Handle(HandleStaffChatMessageCommand command, CancellationToken ct)
    {
        var input = command.Input;
        if (input.Kind == ChatInputKind.Subscribe)
        {
            return ValueTask.FromResult(ChatReply.Text(StaffChatTexts.Help));
        }

        if (input.Kind != ChatInputKind.Text)
        {
            return ValueTask.FromResult(ChatReply.None);
        }

        var (parsed, error) = StaffCommandParser.Parse(input.Text);
        return ValueTask.FromResult(parsed is null ? ChatReply.Text(error!.Message) : parsed.Verb == StaffVerb.Help ? ChatReply.Text(StaffChatTexts.Help) : ChatReply.Text("PENDING"));
    }
}
