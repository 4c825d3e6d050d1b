using System.Globalization;

namespace WechatLogistics.Wechat.Messages;

internal sealed partial class XmlFields
{
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The <c>List</c> items of a container element (SubscribeMsgPopupEvent …); empty when absent.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ListItems(string container) =>
        _lists.TryGetValue(container, out var items) ? items : [];

    /// <summary>Free text (Content, Title, Label…): exactly as sent, never trimmed; "" when absent.</summary>
    public string Text(string name) => _values.GetValueOrDefault(name, string.Empty);

    /// <summary>An identifier or keyword: trimmed; null when absent or empty.</summary>
    public string? Optional(string name) =>
        _values.TryGetValue(name, out var value) && value.AsSpan().Trim().Length > 0 ? value.Trim() : null;

    /// <summary>A header field that must be present and non-empty.</summary>
    public string Required(string name) =>
        Optional(name) ?? throw new WeChatXmlException($"The required element <{name}> is missing or empty.");

    public long RequiredInt64(string name) =>
        ParseInt64(name, Required(name));

    public long? OptionalInt64(string name) =>
        Optional(name) is { } value ? ParseInt64(name, value) : null;

    public int? OptionalInt32(string name)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw BadNumber(name);
    }

    /// <summary>A decimal number; 0 when absent, an error when not a finite number.</summary>
    public double Double(string name)
    {
        if (Optional(name) is not { } value)
        {
            return 0;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            && double.IsFinite(result)
            ? result
            : throw BadNumber(name);
    }

    private static long ParseInt64(string name, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw BadNumber(name);

    private static WeChatXmlException BadNumber(string name) => new($"The element <{name}> is not a valid number.");
}
