using System.Text;

namespace WechatLogistics.Handlers.Assets;

/// <summary>One CSV record and the line it starts on (1-based), for error reports a person can find in the file.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool Malformed);

/// <summary>
/// A small RFC 4180 reader: comma-separated, fields optionally in double quotes, <c>""</c> for a quote inside quotes,
/// line breaks inside quotes kept, CRLF or LF. Blank lines are skipped; a UTF-8 BOM is dropped by the reader. A stray
/// quote inside an unquoted field, text after a closing quote or an unclosed quote marks the record malformed instead
/// of guessing. (The restorable CsvHelper 34 is a rewrite with a new API; this is the whole of what the import needs.)
/// </summary>
public static class CsvRecords
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var line = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var malformed = false;
            var inQuotes = false;
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i == text.Length)
                {
                    if (!inQuotes)
                    {
                        break;
                    }

                    // A line break inside quotes belongs to the field.
                    if (await reader.ReadLineAsync(ct) is not { } next)
                    {
                        malformed = true;
                        break;
                    }

                    line++;
                    field.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }

                var c = text[i++];
                if (inQuotes)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    quoted = false;
                }
                else if (c == '"' && field.Length == 0 && !quoted)
                {
                    inQuotes = quoted = true;
                }
                else if (c == '"' || quoted)
                {
                    // A quote in the middle of an unquoted field, or text after the closing quote.
                    malformed = true;
                    field.Append(c);
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields, malformed);
        }
    }
}
