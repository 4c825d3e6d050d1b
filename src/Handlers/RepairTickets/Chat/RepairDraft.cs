using System.Globalization;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>
/// The 报修 form as the dialog fills it, kept in the session's string slots (so it survives between messages and
/// instances). Typed access in one place; the slot names are part of the stored session format.
/// </summary>
internal sealed class RepairDraft(ChatSession session)
{
    public const int MaxPhotos = 3;

    // Unit and record separators: they never occur in a MediaId or a URL.
    private const char FieldSeparator = '\u001f';
    private const char PhotoSeparator = '\u001e';

    private Dictionary<string, string> Slots => session.Slots;

    /// <summary>Fixed when the dialog starts: every submit of this draft is the same request.</summary>
    public string? IdempotencyKey
    {
        get => Slots.GetValueOrDefault("key");
        set => Set("key", value);
    }

    /// <summary>The chosen top-level category while its sub-category is asked.</summary>
    public Guid? ParentCategoryId
    {
        get => GetGuid("cat0");
        set => Set("cat0", value?.ToString());
    }

    /// <summary>The leaf category the ticket is filed under.</summary>
    public Guid? CategoryId
    {
        get => GetGuid("cat");
        set => Set("cat", value?.ToString());
    }

    public Guid? LocationId
    {
        get => GetGuid("loc");
        set => Set("loc", value?.ToString());
    }

    /// <summary>The place as confirmed to the student ("东区学生公寓1号楼 302") or as they wrote it.</summary>
    public string? Place
    {
        get => Slots.GetValueOrDefault("place");
        set => Set("place", value);
    }

    /// <summary>Buildings offered when the place matched several, and the room typed with it.</summary>
    public IReadOnlyList<Guid> Candidates
    {
        get => Slots.TryGetValue("cands", out var value) ? [.. value.Split(',').Select(Guid.Parse)] : [];
        set => Set("cands", value.Count == 0 ? null : string.Join(',', value));
    }

    public string? Room
    {
        get => Slots.GetValueOrDefault("room");
        set => Set("room", value);
    }

    public string? Description
    {
        get => Slots.GetValueOrDefault("desc");
        set => Set("desc", value);
    }

    public IReadOnlyList<TicketPhoto> Photos =>
        Slots.TryGetValue("photos", out var value)
            ? [.. value.Split(PhotoSeparator).Select(p => p.Split(FieldSeparator)).Select(f => new TicketPhoto(Null(f[0]), Null(f[1])))]
            : [];

    public void AddPhoto(ChatMedia media)
    {
        var photo = media.MediaId + FieldSeparator + media.Url;
        Set("photos", Slots.TryGetValue("photos", out var value) ? value + PhotoSeparator + photo : photo);
    }

    /// <summary>The asset the report is about (typed or scanned); its location is the report's.</summary>
    public string? AssetCode
    {
        get => Slots.GetValueOrDefault("asset");
        set => Set("asset", value);
    }

    /// <summary>The step the student was on when the resume question interrupted.</summary>
    public string? ResumeStep
    {
        get => Slots.GetValueOrDefault("resume");
        set => Set("resume", value);
    }

    public static string NewKey() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    private Guid? GetGuid(string slot) =>
        Slots.TryGetValue(slot, out var value) && Guid.TryParse(value, out var id) ? id : null;

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

    private static string? Null(string value) => value.Length == 0 ? null : value;
}
