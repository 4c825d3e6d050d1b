using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.Tests.RepairTickets;

public sealed class RepairTicketNumberTests
{
    private static readonly DateOnly Day = new(2025, 9, 3);

    [Theory]
    [InlineData(1, "R20250903-0001")]
    [InlineData(42, "R20250903-0042")]
    [InlineData(9999, "R20250903-9999")]
    [InlineData(10000, "R20250903-10000")]
    [InlineData(123456, "R20250903-123456")]
    public void ToString_PadsToFourDigitsAndWidensBeyond(int sequence, string expected)
    {
        var number = RepairTicketNumber.Create(Day, sequence);

        Assert.Equal(expected, number.ToString());
        Assert.Equal(number, RepairTicketNumber.Parse(expected));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_SequenceBelowOne_Throws(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RepairTicketNumber.Create(Day, sequence));

    [Theory]
    [InlineData("R20250903-0042")]
    [InlineData("r20250903-0042")]
    [InlineData("  R20250903-0042 \t")]
    public void TryParse_WhatStudentsType_Works(string text)
    {
        Assert.True(RepairTicketNumber.TryParse(text, out var number));
        Assert.Equal((Day, 42, "R20250903-0042"), (number.Date, number.Sequence, number.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("R")]
    [InlineData("20250903-0042")]
    [InlineData("X20250903-0042")]
    [InlineData("R2025093-0042")]
    [InlineData("R20250230-0001")]
    [InlineData("R20250903_0042")]
    [InlineData("R20250903-042")]
    [InlineData("R20250903-00042")]
    [InlineData("R20250903-0000")]
    [InlineData("R20250903-0042x")]
    [InlineData("R20250903--042")]
    [InlineData("R20250903-+042")]
    [InlineData("R20250903-99999999999")]
    [InlineData("R２０２５0903-0042")]
    [InlineData("R 20250903-0042")]
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(RepairTicketNumber.TryParse(text, out var number));
        Assert.Null(number);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => RepairTicketNumber.Parse("报修单42"));
}
