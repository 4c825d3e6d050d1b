using Flurl.Http.Testing;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Tests.Api.Support;
using static WechatLogistics.Wechat.Tests.Api.Support.ApiTestData;

namespace WechatLogistics.Wechat.Tests.Api.Tokens;

public sealed class AccessTokenProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTimeProvider NewTime() => new(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CachedToken_IsReusedAcrossSends()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/custom/send*").RespondWith(Ok());
        var client = WeChatClient();

        for (var i = 0; i < 5; i++)
        {
            await client.SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForText("OPENID", $"#{i}"), Ct);
        }

        Assert.Equal(1, http.CountCalls("/cgi-bin/stable_token"));
        Assert.Equal(5, http.CountCalls("/cgi-bin/message/custom/send"));
    }

    [Fact]
    public async Task Token_IsRefreshedFiveMinutesBeforeItExpires()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1, Token2);
        var time = NewTime();
        var tokens = WeChatClient(time: time).AccessTokens;

        Assert.Equal(Token1, await tokens.GetAccessTokenAsync(Ct));
        time.Advance(TimeSpan.FromSeconds(7200 - 300 - 1));
        Assert.Equal(Token1, await tokens.GetAccessTokenAsync(Ct));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Token2, await tokens.GetAccessTokenAsync(Ct));

        Assert.Equal(2, http.CountCalls("/cgi-bin/stable_token"));
    }

    [Fact]
    public async Task ShortLivedToken_IsCachedForHalfItsLifetime()
    {
        var time = NewTime();
        var fetches = 0;
        var provider = new AccessTokenProvider(
            AppId, _ => Task.FromResult(new AccessTokenGrant($"T{++fetches}", TimeSpan.FromSeconds(300))), new InMemoryAccessTokenStore(time), time);

        await provider.GetAccessTokenAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(149));
        Assert.Equal("T1", await provider.GetAccessTokenAsync(Ct));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("T2", await provider.GetAccessTokenAsync(Ct));
    }

    [Fact]
    public async Task TwentyConcurrentCallers_WithEmptyCache_MakeOneTokenRequest()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/custom/send*").RespondWith(Ok());
        var client = WeChatClient();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(
            i => Task.Run(() => client.SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForText("OPENID", $"#{i}"), Ct), Ct)));

        Assert.Equal(1, http.CountCalls("/cgi-bin/stable_token"));
        Assert.Equal(20, http.CountCalls("/cgi-bin/message/custom/send"));
    }

    [Fact]
    public async Task TwoInstancesSharingAStore_OnlyTheLockHolderFetches()
    {
        var store = new InMemoryAccessTokenStore();
        var release = new TaskCompletionSource<AccessTokenGrant>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetches = 0;
        Task<AccessTokenGrant> Fetch(CancellationToken _)
        {
            Interlocked.Increment(ref fetches);
            return release.Task;
        }

        var options = new AccessTokenProviderOptions { LockPollInterval = TimeSpan.FromMilliseconds(5) };
        var instanceA = new AccessTokenProvider(AppId, Fetch, store, options: options);
        var instanceB = new AccessTokenProvider(AppId, Fetch, store, options: options);

        var callers = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => (i % 2 == 0 ? instanceA : instanceB).GetAccessTokenAsync(Ct), Ct))
            .ToList();
        await Task.Delay(50, Ct);
        release.SetResult(new AccessTokenGrant(Token1, TimeSpan.FromHours(2)));
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, fetches);
        Assert.All(tokens, t => Assert.Equal(Token1, t));
    }

    [Fact]
    public async Task RefreshLockHeldByADeadInstance_FetchesAfterTheWaitTimeout()
    {
        var store = new InMemoryAccessTokenStore();
        await using var deadHolder = await store.AcquireRefreshLockAsync(AppId, TimeSpan.FromMinutes(5), Ct);
        var options = new AccessTokenProviderOptions
        {
            LockWaitTimeout = TimeSpan.FromMilliseconds(100),
            LockPollInterval = TimeSpan.FromMilliseconds(10),
        };
        var provider = new AccessTokenProvider(
            AppId, _ => Task.FromResult(new AccessTokenGrant(Token1, TimeSpan.FromHours(2))), store, options: options);

        var token = await provider.GetAccessTokenAsync(Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(Token1, token);
    }

    [Fact]
    public async Task ExecuteAsync_TokenAlreadyRefreshedByAnotherInstance_KeepsItAndRetriesWithIt()
    {
        var time = NewTime();
        var store = new SpyTokenStore(time);
        var fetches = 0;
        var provider = new AccessTokenProvider(
            AppId, _ => Task.FromResult(new AccessTokenGrant($"T{++fetches}", TimeSpan.FromHours(2))), store, time);
        var usedTokens = new List<string>();

        var result = await provider.ExecuteAsync(
            async (token, ct) =>
            {
                usedTokens.Add(token);
                if (usedTokens.Count == 1)
                {
                    // Another instance replaced the token before this call's failure is reported.
                    await store.SetAsync(AppId, "T-other", TimeSpan.FromHours(1), ct);
                    throw new WechatLogistics.Wechat.Api.WeChatApiException(40001, "invalid credential", "/x");
                }

                return "done";
            },
            Ct);

        Assert.Equal("done", result);
        Assert.Equal(["T1", "T-other"], usedTokens);
        Assert.Equal([("T1", false)], store.Invalidations);
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task TokenStoredBetweenReadAndLock_IsUsedWithoutFetching()
    {
        var store = new StoreThatMissesFirstRead();
        await store.SetAsync(AppId, Token1, TimeSpan.FromHours(1), Ct);
        var fetches = 0;
        var provider = new AccessTokenProvider(
            AppId, _ => Task.FromResult(new AccessTokenGrant($"T{++fetches}", TimeSpan.FromHours(2))), store);

        var token = await provider.GetAccessTokenAsync(Ct);

        Assert.Equal(Token1, token);
        Assert.Equal(0, fetches);
    }

    /// <summary>Simulates another instance storing a token right after this instance's first (empty) read.</summary>
    private sealed class StoreThatMissesFirstRead : IAccessTokenStore
    {
        private readonly InMemoryAccessTokenStore _inner = new();
        private int _reads;

        public ValueTask<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _reads) == 1 ? ValueTask.FromResult<CachedAccessToken?>(null) : _inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, string accessToken, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            _inner.SetAsync(key, accessToken, timeToLive, cancellationToken);

        public ValueTask<bool> InvalidateIfMatchesAsync(string key, string failedAccessToken, CancellationToken cancellationToken) =>
            _inner.InvalidateIfMatchesAsync(key, failedAccessToken, cancellationToken);

        public ValueTask<IAsyncDisposable?> AcquireRefreshLockAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            _inner.AcquireRefreshLockAsync(key, timeToLive, cancellationToken);
    }
}
