using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>
/// The shift ids of the list the user was last shown, kept in a session slot, so a number picks the shift the user
/// saw even when the list has changed since.
/// </summary>
internal static class ShownShifts
{
    private const string Slot = "ids";

    public static void Remember(DialogContext context, IEnumerable<Guid> ids) =>
        context.Session.Slots[Slot] = string.Join(',', ids);

    public static List<Guid> Recall(DialogContext context) =>
        [.. (context.Session.Slots.GetValueOrDefault(Slot) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => Guid.TryParse(id, out var guid) ? guid : Guid.Empty)
            .Where(id => id != Guid.Empty)];

    /// <summary>The shift whose number (or nothing: <see cref="Guid.Empty"/>) the user replied with.</summary>
    public static Guid Pick(DialogContext context, List<Guid> ids) =>
        int.TryParse(context.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= ids.Count
            ? ids[number - 1]
            : Guid.Empty;
}
