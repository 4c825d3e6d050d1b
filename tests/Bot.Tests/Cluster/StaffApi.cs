using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WechatLogistics.Handlers.Announcements;

namespace WechatLogistics.Bot.Tests.Cluster;

/// <summary>The staff API as an office member uses it, with the demo account of appsettings.json.</summary>
public static class StaffApi
{
    public const string DemoUser = "demo-staff";
    public const string DemoPassword = "demo-staff-password";

    public static async Task<string> LoginAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/staff/login", new { userName = DemoUser, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!;
    }

    public static async Task<PublishAnnouncementResult> PublishAsync(HttpClient http, string token, string title, string body, string audience)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/announcements")
        {
            Content = JsonContent.Create(new { title, body, audience }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"publish: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PublishAnnouncementResult>())!;
    }
}
