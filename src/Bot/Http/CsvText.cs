using System.Text;

namespace WechatLogistics.Bot.Http;

/// <summary>
/// CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK), CRLF lines, RFC 4180 quoting, and
/// cells that start like a formula prefixed with an apostrophe (CSV injection).
/// </summary>
public static class CsvText
{
    public static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
