namespace WechatLogistics.Simulator.Callback;

/// <summary>Tells the fake API that a user sent a message (opens the 48-hour customer-service window, PROTOCOL §4.4).</summary>
public interface IInteractionReporter
{
    Task UserSentMessageAsync(string user, CancellationToken ct);
}

/// <summary>Calls <c>POST /_sim/interaction?openid=</c> on a running <c>serve-api</c>.</summary>
public sealed class FakeApiInteractionReporter(HttpClient api, TextWriter output) : IInteractionReporter
{
    public async Task UserSentMessageAsync(string user, CancellationToken ct)
    {
        try
        {
            using var response = await api.PostAsync($"/_sim/interaction?openid={Uri.EscapeDataString(user)}", null, ct);
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            await output.WriteLineAsync($"  (could not record the interaction at the fake API {api.BaseAddress}: {ex.Message})");
        }
    }
}
