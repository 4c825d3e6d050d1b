using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Bot.MiniProgram.Endpoints;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.MiniProgram;

/// <summary>Example bodies for the OpenAPI document (<c>/openapi/v1.json</c>).</summary>
public static class MiniExamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 28, 2, 30, 0, TimeSpan.Zero);

    public static readonly MiniTokenResponse Tokens = new(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvLWV4YW1wbGUifQ.c2lnbmF0dXJl", "Bearer", At.AddMinutes(15),
        "3f2b8c0e9d7a4b6c8e1f0a2b3c4d5e6f.q8Zf2m1X0y9wV7u6T5s4R3p2O1n0M9l8K7j6I5h4G3f", At.AddDays(30));

    public static readonly MiniTicketRequest NewTicket = new(
        Guid.Parse("6d1f4e2a-0b3c-5d4e-8f6a-7b8c9d0e1f2a"), Guid.Parse("1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d"), "东区1号楼 302", "卫生间水龙头一直滴水");

    public static readonly MiniTicketCreated Created = new(
        Guid.Parse("0196f0a4-7c1e-7b7e-9a55-3c2d1e0f4a5b"), "R20261128-0042", Priority.Normal, At, At.AddHours(8), At.AddHours(24));

    public static readonly MiniFeedbackRequest Feedback = new(FeedbackSubject.Canteen, "一食堂", 4, "菜品不错，排队有点久", Anonymous: false);
}
