using System.Diagnostics.CodeAnalysis;
using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>
/// The number a department quotes: <c>D{yyyyMMdd}-{seq:D4}</c>, e.g. <c>D20261128-0003</c>, like the tickets' numbers
/// (the campus date of filing and a per-day counter allocated by storage, unique index as the backstop).
/// </summary>
public sealed record DepartmentRequestNumber
{
    private const char Prefix = 'D';

    // Also the EF Core constructor (parameters bind to the properties by name).
    private DepartmentRequestNumber(DateOnly date, int sequence)
    {
        Date = date;
        Sequence = sequence;
    }

    public DateOnly Date { get; private init; }

    public int Sequence { get; private init; }

    public static DepartmentRequestNumber Create(DateOnly date, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new DepartmentRequestNumber(date, sequence);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DepartmentRequestNumber? number)
    {
        number = DailyNumber.TryParse(Prefix, text, out var date, out var sequence) ? new DepartmentRequestNumber(date, sequence) : null;
        return number is not null;
    }

    public static DepartmentRequestNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a department request number.");

    public override string ToString() => DailyNumber.Format(Prefix, Date, Sequence);
}
