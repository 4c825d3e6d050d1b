using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.MiniProgram.Endpoints;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>Reports and photos as the mini-program sends them, and the staff side moving a ticket on.</summary>
public static class MiniTickets
{
    public static MiniTicketRequest Tap(string description = "卫生间水龙头一直滴水") =>
        new(ReferenceDataSeed.CategoryId("WATER-TAP"), ReferenceDataSeed.LocationId("E-D01"), "东区学生公寓1号楼 302", description);

    /// <summary>A tiny but real JPEG header and body (the server only sniffs the first bytes).</summary>
    public static byte[] Jpeg(int size = 64)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return bytes;
    }

    public static byte[] Png() => WechatLogistics.Simulator.FakeApi.MiniProgramEndpoints.SamplePng;

    /// <summary>Staff assign, the worker accepts, starts and resolves: the ticket waits for the student's confirmation.</summary>
    public static async Task ResolveAsync(MiniTestBed bed, Guid ticketId)
    {
        await using var db = bed.Database.CreateContext();
        var ticket = await db.RepairTickets.SingleAsync(t => t.Id == ticketId);
        var now = DateTimeOffset.UtcNow;
        ticket.Assign("li.si", Actor.Staff("dispatcher"), now);
        ticket.Accept("li.si", now);
        ticket.Start("li.si", now);
        ticket.Resolve("li.si", "换了阀芯", now);
        await db.SaveChangesAsync();
    }
}
