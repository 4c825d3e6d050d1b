using Flurl.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WechatLogistics.Wechat.Api.Tokens;

namespace WechatLogistics.Wechat.Api.WeCom;

/// <summary>
/// WeCom server API for one self-built app (host qyapi.weixin.qq.com), plus group-robot webhooks, which are keyed
/// by their own secret and need no access token.
/// </summary>
public sealed class WeComApiClient
{
    private static readonly WeChatApiJsonContext Json = WeChatApiJsonContext.Wire;
    private readonly WeComApiSettings _settings;
    private readonly WeChatApiCaller _caller;

    public WeComApiClient(
        IFlurlClient http,
        WeComApiSettings settings,
        IAccessTokenStore tokenStore,
        TimeProvider? timeProvider = null,
        ILogger<WeComApiClient>? logger = null,
        AccessTokenProviderOptions? tokenOptions = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.CorpId);
        ArgumentException.ThrowIfNullOrEmpty(settings.CorpSecret);
        ArgumentException.ThrowIfNullOrEmpty(settings.BaseUrl);
        var time = timeProvider ?? TimeProvider.System;
        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        _settings = settings;
        _caller = new WeChatApiCaller(http, settings.BaseUrl, settings, time, log);
        AccessTokens = new AccessTokenProvider(settings.CredentialKey, FetchAccessTokenAsync, tokenStore, time, tokenOptions, log);
    }

    /// <summary>Wraps an <see cref="HttpClient"/> (e.g. from IHttpClientFactory); the client is not disposed here.</summary>
    public WeComApiClient(
        HttpClient httpClient,
        WeComApiSettings settings,
        IAccessTokenStore tokenStore,
        TimeProvider? timeProvider = null,
        ILogger<WeComApiClient>? logger = null,
        AccessTokenProviderOptions? tokenOptions = null)
        : this(new FlurlClient(httpClient), settings, tokenStore, timeProvider, logger, tokenOptions)
    {
    }

    /// <summary>The token of this app; key = CorpId:AgentId.</summary>
    public AccessTokenProvider AccessTokens { get; }

    /// <summary><c>GET /cgi-bin/gettoken</c>. Called frequently it is throttled: use <see cref="AccessTokens"/>.</summary>
    public Task<CgibinGetTokenResponse> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var request = new CgibinGetTokenRequest { CorpId = _settings.CorpId, CorpSecret = _settings.CorpSecret };
        return _caller.GetJsonAsync(
            "/cgi-bin/gettoken", [("corpid", request.CorpId), ("corpsecret", request.CorpSecret)], Json.CgibinGetTokenResponse, cancellationToken);
    }

    /// <summary>
    /// <c>POST /cgi-bin/message/send</c> as this app (<c>agentid</c> is set from the settings). Members beyond
    /// 30 messages a minute are silently dropped by WeCom.
    /// </summary>
    public Task<CgibinMessageSendResponse> SendMessageAsync(CgibinMessageSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasRecipient)
        {
            throw new ArgumentException("touser, toparty and totag must not all be empty.", nameof(request));
        }

        var stamped = request with { AgentId = _settings.AgentId };
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.PostJsonAsync(
                "/cgi-bin/message/send", [("access_token", token)], stamped, Json.CgibinMessageSendRequest, Json.CgibinMessageSendResponse, ct),
            cancellationToken);
    }

    /// <summary><c>POST /cgi-bin/webhook/send?key=…</c>. The key is a secret and is redacted from logs and errors.</summary>
    public Task<CgibinWebhookSendResponse> SendRobotMessageAsync(string robotKey, CgibinWebhookSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(robotKey);
        ArgumentNullException.ThrowIfNull(request);
        return _caller.PostJsonAsync(
            "/cgi-bin/webhook/send", [("key", robotKey)], request, Json.CgibinWebhookSendRequest, Json.CgibinWebhookSendResponse, cancellationToken);
    }

    private async Task<AccessTokenGrant> FetchAccessTokenAsync(CancellationToken cancellationToken)
    {
        var response = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        return new AccessTokenGrant(response.AccessToken, TimeSpan.FromSeconds(response.ExpiresIn));
    }
}
