using System.Diagnostics.CodeAnalysis;
using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// The number a student reads and quotes: <c>R{yyyyMMdd}-{seq:D4}</c>, e.g. <c>R20250903-0042</c>; past
/// 9999 reports in one day the sequence simply widens (<c>R20250903-10000</c>).
/// </summary>
/// <remarks>
/// This type only formats and parses. Uniqueness comes from storage: the date is the campus-local date of
/// the report, and the sequence is a per-day counter allocated in the same transaction that saves the
/// ticket, with a unique index on (Date, Sequence) as the backstop.
/// </remarks>
public sealed record RepairTicketNumber
{
    private const char Prefix = 'R';

    // Also the EF Core constructor (parameters bind to the properties by name).
    private RepairTicketNumber(DateOnly date, int sequence)
    {
        Date = date;
        Sequence = sequence;
    }

    public DateOnly Date { get; private init; }

    public int Sequence { get; private init; }

    public static RepairTicketNumber Create(DateOnly date, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new RepairTicketNumber(date, sequence);
    }

    /// <summary>
    /// Accepts what people type: surrounding spaces and a lowercase <c>r</c>. The digits must be the
    /// canonical ones (<c>R20250903-42</c> and <c>R20250903-00042</c> are refused), so a parsed number
    /// always prints back as the same string.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RepairTicketNumber? number)
    {
        number = DailyNumber.TryParse(Prefix, text, out var date, out var sequence) ? new RepairTicketNumber(date, sequence) : null;
        return number is not null;
    }

    public static RepairTicketNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a repair ticket number.");

    public override string ToString() => DailyNumber.Format(Prefix, Date, Sequence);
}
