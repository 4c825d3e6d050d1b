using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>Whatever is typed at any step of 志愿 or 我的值班, the bot asks again politely and books nothing.</summary>
public sealed class VolunteerChatBadInputTests(VolunteerChatBadInputTests.Host host) : IClassFixture<VolunteerChatBadInputTests.Host>
{
    private static readonly string[] Inputs = ["", "99", "0", "🙋‍♀️🙋", "1; DROP TABLE \"ShiftSignups\"; --", new('长', 5000)];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var step in new[] { "志愿", "我的值班", "操作", "确认" })
        {
            for (var i = 0; i < Inputs.Length; i++)
            {
                data.Add(step, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_AtEveryStep_IsAskedAgainPolitely_AndChangesNothing(string step, int input)
    {
        var shift = await host.ShiftAsync();
        var student = new ChatUser(host, "o-bad-" + Guid.NewGuid().ToString("N")[..12]);
        if (step != "志愿")
        {
            await host.Services.SendAsync(new ClaimShiftCommand(student.OpenId, shift.Id));
        }

        var question = step switch
        {
            "志愿" => await student.SayAsync("志愿"),
            "我的值班" => await student.SayAsync("我的值班"),
            "操作" => await student.SayAsync("我的值班", "1"),
            _ => await student.SayAsync("我的值班", "1", "1"),
        };
        var versionBefore = (await host.Services.ShiftAsync(shift.Id)).Version;

        var reply = await student.SayAsync(Inputs[input]);

        Assert.NotEqual(ChatTexts.Busy, reply);
        var questionEnd = string.Join('\n', question.Split('\n')[^2..]);
        Assert.EndsWith(questionEnd, reply);
        Assert.True(reply.Length > questionEnd.Length + 1 && reply.Length < 600, reply);
        var stored = await host.Services.ShiftAsync(shift.Id);
        Assert.Equal(versionBefore, stored.Version);
        Assert.Equal(step == "志愿" ? null : SignupStatus.Confirmed, stored.SignupOf(student.OpenId)?.Status);
    }

    public sealed class Host() : BotFactory(TestServers.RedisConnectionString(), HostData.ChatSettings())
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private VolunteerShift? _shift;

        /// <summary>A roomy shift sooner than the samples, so it is number 1 in every list.</summary>
        public async Task<VolunteerShift> ShiftAsync()
        {
            await _once.WaitAsync();
            try
            {
                return _shift ??= await Services.AddShiftAsync(HostData.HoursFromNow(3), TimeSpan.FromHours(2), capacity: 500, title: "大型活动");
            }
            finally
            {
                _once.Release();
            }
        }
    }
}
