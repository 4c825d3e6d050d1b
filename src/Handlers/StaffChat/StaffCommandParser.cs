using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.StaffChat;

/// <summary>
/// Reads the short command lines workers type on a phone: <c>接单 R20261127-0042</c>, <c>完成 R20261127-0042 换了水龙头</c>,
/// <c>退单 R… 不是水电问题</c>, <c>转派 R… 1024</c>, <c>我的工单</c>, <c>待派</c>, <c>公告 今晚停水</c>, <c>任务</c>, <c>完成任务 2 已关阀</c>. The verb may touch the number
/// (<c>接单R2026…</c>), full-width characters are folded, and each verb has a short form (<c>接</c>, <c>完</c>, <c>退</c>…).
/// A bare ticket number shows the ticket.
/// </summary>
public static class StaffCommandParser
{
    private sealed record VerbSpec(StaffVerb Verb, string[] Words, bool NeedsTicket, string? ArgumentName, bool ArgumentRequired);

    // Longest words first within a verb does not matter: all words are tried longest-first below.
    private static readonly VerbSpec[] Specs =
    [
        new(StaffVerb.Help, ["帮助", "菜单", "help", "?", "？"], false, null, false),
        new(StaffVerb.Detail, ["详情", "查看", "查"], true, null, false),
        new(StaffVerb.Accept, ["接单", "接"], true, null, false),
        new(StaffVerb.Start, ["开始", "开工"], true, null, false),
        new(StaffVerb.Resolve, ["完成", "完工", "修好", "完"], true, "维修说明", false),
        new(StaffVerb.Refuse, ["退单", "退"], true, "原因", true),
        new(StaffVerb.Reject, ["驳回"], true, "原因", true),
        new(StaffVerb.Assign, ["派单", "派"], true, "工号", true),
        new(StaffVerb.Reassign, ["转派", "转"], true, "工号", true),
        new(StaffVerb.MyTickets, ["我的工单", "我的"], false, null, false),
        new(StaffVerb.Unassigned, ["待派工单", "待派"], false, null, false),
        new(StaffVerb.Announce, ["公告"], false, "公告内容", true),
        new(StaffVerb.PlanTasks, ["我的任务", "任务"], false, null, false),
        new(StaffVerb.CompletePlanTask, ["完成任务"], false, "任务序号", true),
    ];

    private static readonly (string Word, VerbSpec Spec)[] WordsLongestFirst =
        [.. Specs.SelectMany(s => s.Words.Select(w => (w, s))).OrderByDescending(p => p.w.Length)];

    /// <summary>The command, or the reason the line is not one (shown to the staff member as is).</summary>
    public static (StaffCommand? Command, StaffCommandError? Error) Parse(string? text)
    {
        var line = TextNormalizer.Normalize(text);
        if (line.Length == 0)
        {
            return (null, new StaffCommandError(null, StaffChatTexts.Unknown));
        }

        // The normalized line is trimmed: a single token is a bare ticket number or nothing.
        var first = FirstToken(line);
        if (first.Length == line.Length && RepairTicketNumber.TryParse(first, out var bare))
        {
            return (new StaffCommand(StaffVerb.Detail, bare), null);
        }

        foreach (var (word, spec) in WordsLongestFirst)
        {
            if (!line.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = line[word.Length..].TrimStart();
            // "接单R…" and "接单 R…" are the same; "接着…" is not a command (the word must end at a space or a number).
            if (rest.Length == line.Length - word.Length && rest.Length > 0 && !StartsTicket(rest) && spec.Verb != StaffVerb.Announce
                && !(spec.Verb == StaffVerb.CompletePlanTask && char.IsAsciiDigit(rest[0])))
            {
                continue;
            }

            return Complete(spec, rest);
        }

        return (null, new StaffCommandError(null, StaffChatTexts.Unknown));
    }

    private static (StaffCommand?, StaffCommandError?) Complete(VerbSpec spec, string rest)
    {
        RepairTicketNumber? ticket = null;
        if (spec.NeedsTicket)
        {
            var token = FirstToken(rest);
            if (!RepairTicketNumber.TryParse(token, out ticket))
            {
                return (null, new StaffCommandError(spec.Verb, StaffChatTexts.NeedsTicket(spec.Words[0])));
            }

            rest = rest[token.Length..].Trim();
        }

        var argument = rest.Trim();
        if (spec.ArgumentName is null)
        {
            return (new StaffCommand(spec.Verb, ticket), null);
        }

        if (argument.Length == 0)
        {
            return spec.ArgumentRequired
                ? (null, new StaffCommandError(spec.Verb, StaffChatTexts.NeedsArgument(spec.Words[0], spec.NeedsTicket, spec.ArgumentName)))
                : (new StaffCommand(spec.Verb, ticket), null);
        }

        return (new StaffCommand(spec.Verb, ticket, argument), null);
    }

    private static bool StartsTicket(string s) => s[0] is 'R' or 'r' && s.Length > 1 && char.IsAsciiDigit(s[1]);

    private static string FirstToken(string s)
    {
        var trimmed = s.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\n', '\t']);
        return end < 0 ? trimmed : trimmed[..end];
    }
}
