using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using WechatLogistics.Bot;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.WeChat;

var builder = WebApplication.CreateBuilder(args);

builder.Configuration.AddRootAppSettings();
builder.Services.AddBot(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
app.MapOfficialAccountCallback();
app.MapStaffEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
