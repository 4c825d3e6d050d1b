using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>What 我的报修 remembers between messages, in the session's string slots.</summary>
internal sealed class MyRepairsState(ChatSession session)
{
    private Dictionary<string, string> Slots => session.Slots;

    /// <summary>The tickets of the list last shown, in the order numbered.</summary>
    public IReadOnlyList<Guid> Listed
    {
        get => Slots.TryGetValue("ids", out var value) && value.Length > 0 ? [.. value.Split(',').Select(Guid.Parse)] : [];
        set => Slots["ids"] = string.Join(',', value);
    }

    public Guid? TicketId
    {
        get => Slots.TryGetValue("ticket", out var value) && Guid.TryParse(value, out var id) ? id : null;
        set => Set("ticket", value?.ToString());
    }

    /// <summary>The ticket's number as shown, for the confirmation lines.</summary>
    public string? Number
    {
        get => Slots.GetValueOrDefault("number");
        set => Set("number", value);
    }

    /// <summary>The actions offered with the ticket last shown, in the order numbered.</summary>
    public IReadOnlyList<TicketAction> Actions
    {
        get => Slots.TryGetValue("actions", out var value) && value.Length > 0 ? [.. value.Split(',').Select(Enum.Parse<TicketAction>)] : [];
        set => Slots["actions"] = string.Join(',', value);
    }

    public int? Rating
    {
        get => Slots.TryGetValue("rating", out var value) && int.TryParse(value, out var rating) ? rating : null;
        set => Set("rating", value?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Set(string slot, string? value)
    {
        if (value is null)
        {
            Slots.Remove(slot);
        }
        else
        {
            Slots[slot] = value;
        }
    }
}
