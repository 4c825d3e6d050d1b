using System.Globalization;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// One injected failure of a business call: an <c>errcode</c> in a normal JSON answer, an HTTP error status with no
/// JSON (a gateway failing), or a hang (the call is held until the client gives up, then the connection is dropped
/// without an answer: a platform too slow to reply, which the client must time out and retry).
/// </summary>
public readonly record struct Fault(int ErrCode = 0, int HttpStatus = 0, bool Hang = false)
{
    public static Fault Hung => new(Hang: true);

    public static Fault Http(int status) => new(HttpStatus: status);

    public static implicit operator Fault(int errcode) => new(ErrCode: errcode);

    public override string ToString() =>
        Hang ? "hang" : HttpStatus != 0 ? "http" + HttpStatus.ToString(CultureInfo.InvariantCulture) : ErrCode.ToString(CultureInfo.InvariantCulture);
}

public static class FailCodes
{
    public const string Syntax = "errcodes (40001), HTTP statuses (http503) or hang, separated by commas, e.g. 45009,http502,hang";

    /// <summary>"45009,http503,hang" → [errcode 45009, HTTP 503, hang]; null when any item is none of those.</summary>
    public static IReadOnlyList<Fault>? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var faults = new List<Fault>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.Equals("hang", StringComparison.OrdinalIgnoreCase))
            {
                faults.Add(Fault.Hung);
            }
            else if (item.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(item.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 500 and <= 599)
            {
                faults.Add(Fault.Http(status));
            }
            else if (int.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            {
                faults.Add(code);
            }
            else
            {
                return null;
            }
        }

        return faults.Count > 0 ? faults : null;
    }
}
