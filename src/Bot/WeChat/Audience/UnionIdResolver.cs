using System.Threading.Channels;
using Mediator;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Domain.Students;
using WechatLogistics.Handlers.Students;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.WeChat.Audience;

/// <summary>
/// Learns the UnionId of Official Account users (<c>cgi-bin/user/info</c>), once per new user, off the webhook's path:
/// <see cref="FollowerTracker"/> hands over the users it has just stored. With the UnionId recorded, the same student's
/// mini-program OpenId is linked and tickets from either channel show in both. Only while the mini-program is
/// configured: without it there is nothing to link, and no API call is made.
/// </summary>
public sealed partial class UnionIdResolver(
    IServiceScopeFactory scopes, WeChatApiClient officialAccount, MiniProgramApiClient miniProgram, ILogger<UnionIdResolver> logger)
    : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int _pending;

    public bool IsEnabled => miniProgram.IsConfigured;

    /// <summary>Never waits; a full queue drops the user (they are tried again at their next first-seen).</summary>
    public void Enqueue(string openId)
    {
        if (IsEnabled && _queue.Writer.TryWrite(openId))
        {
            Interlocked.Increment(ref _pending);
        }
    }

    /// <summary>Waits until every queued user is resolved (tests).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(20, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var openId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await ResolveAsync(openId, stoppingToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rest are resolved when those users are seen again after a restart.
        }
    }

    private async Task ResolveAsync(string openId, CancellationToken ct)
    {
        CgibinUserInfoResponse info;
        try
        {
            info = await officialAccount.GetUserInfoAsync(openId, ct);
        }
        catch (Exception ex) when (ex is WeChatApiException or WeChatTransportException)
        {
            LogLookupFailed(logger, LogIds.ShortUser(openId), ex.Message);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new RecordStudentIdentityCommand(openId, StudentChannel.OfficialAccount, info.UnionId), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the UnionId of {User}: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string user, string reason);
}
