using Flurl.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WechatLogistics.Wechat.Api.Tokens;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// Official Account and mini-program server API (host api.weixin.qq.com). Calls that need an access token get it
/// from <see cref="AccessTokens"/> and are retried once with a fresh token when the platform rejects it.
/// </summary>
public sealed class WeChatApiClient
{
    private static readonly WeChatApiJsonContext Json = WeChatApiJsonContext.Wire;
    private readonly WeChatApiSettings _settings;
    private readonly WeChatApiCaller _caller;

    public WeChatApiClient(
        IFlurlClient http,
        WeChatApiSettings settings,
        IAccessTokenStore tokenStore,
        TimeProvider? timeProvider = null,
        ILogger<WeChatApiClient>? logger = null,
        AccessTokenProviderOptions? tokenOptions = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.AppId);
        ArgumentException.ThrowIfNullOrEmpty(settings.AppSecret);
        ArgumentException.ThrowIfNullOrEmpty(settings.BaseUrl);
        var time = timeProvider ?? TimeProvider.System;
        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        _settings = settings;
        _caller = new WeChatApiCaller(http, settings.BaseUrl, settings, time, log);
        AccessTokens = new AccessTokenProvider(settings.AppId, FetchAccessTokenAsync, tokenStore, time, tokenOptions, log);
    }

    /// <summary>Wraps an <see cref="HttpClient"/> (e.g. from IHttpClientFactory); the client is not disposed here.</summary>
    public WeChatApiClient(
        HttpClient httpClient,
        WeChatApiSettings settings,
        IAccessTokenStore tokenStore,
        TimeProvider? timeProvider = null,
        ILogger<WeChatApiClient>? logger = null,
        AccessTokenProviderOptions? tokenOptions = null)
        : this(new FlurlClient(httpClient), settings, tokenStore, timeProvider, logger, tokenOptions)
    {
    }

    /// <summary>The token of this AppId; key = AppId.</summary>
    public AccessTokenProvider AccessTokens { get; }

    /// <summary><c>POST /cgi-bin/stable_token</c>. Use <paramref name="forceRefresh"/> only for a leaked token (20 a day).</summary>
    public Task<CgibinStableTokenResponse> GetStableTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        var request = new CgibinStableTokenRequest { AppId = _settings.AppId, Secret = _settings.AppSecret, ForceRefresh = forceRefresh };
        return _caller.PostJsonAsync("/cgi-bin/stable_token", [], request, Json.CgibinStableTokenRequest, Json.CgibinStableTokenResponse, cancellationToken);
    }

    /// <summary><c>POST /cgi-bin/message/custom/send</c>. 45015/45047 mean the user's window or quota is spent.</summary>
    public Task<CgibinMessageCustomSendResponse> SendCustomMessageAsync(CgibinMessageCustomSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.PostJsonAsync(
                "/cgi-bin/message/custom/send", Token(token), request, Json.CgibinMessageCustomSendRequest, Json.CgibinMessageCustomSendResponse, ct),
            cancellationToken);
    }

    /// <summary><c>POST /cgi-bin/message/template/send</c>; set <c>ClientMessageId</c> to make resends idempotent.</summary>
    public Task<CgibinMessageTemplateSendResponse> SendTemplateMessageAsync(CgibinMessageTemplateSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.PostJsonAsync(
                "/cgi-bin/message/template/send", Token(token), request, Json.CgibinMessageTemplateSendRequest, Json.CgibinMessageTemplateSendResponse, ct),
            cancellationToken);
    }

    /// <summary><c>POST /cgi-bin/message/subscribe/send</c>. 43101: the user has no authorization left; ask again.</summary>
    public Task<CgibinMessageSubscribeSendResponse> SendSubscribeMessageAsync(CgibinMessageSubscribeSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.PostJsonAsync(
                "/cgi-bin/message/subscribe/send", Token(token), request, Json.CgibinMessageSubscribeSendRequest, Json.CgibinMessageSubscribeSendResponse, ct),
            cancellationToken);
    }

    /// <summary>
    /// <c>POST /cgi-bin/message/subscribe/bizsend</c>: the Official Account's subscribe notification. 43101: the user
    /// has no acceptance left for this template.
    /// </summary>
    public Task<CgibinMessageSubscribeBizSendResponse> SendSubscribeNotificationAsync(
        CgibinMessageSubscribeBizSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.PostJsonAsync(
                "/cgi-bin/message/subscribe/bizsend", Token(token), request,
                Json.CgibinMessageSubscribeBizSendRequest, Json.CgibinMessageSubscribeBizSendResponse, ct),
            cancellationToken);
    }

    /// <summary><c>GET /sns/jscode2session</c>: exchanges a mini-program login code. Keep the session key on the server.</summary>
    public Task<SnsJsCode2SessionResponse> Code2SessionAsync(string jsCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsCode);
        var request = new SnsJsCode2SessionRequest { JsCode = jsCode };
        (string, string)[] query =
            [("appid", _settings.AppId), ("secret", _settings.AppSecret), ("js_code", request.JsCode), ("grant_type", request.GrantType)];
        return _caller.GetJsonAsync("/sns/jscode2session", query, Json.SnsJsCode2SessionResponse, cancellationToken);
    }

    /// <summary><c>GET /cgi-bin/media/get</c>: the bytes of temporary media (or <c>VideoUrl</c> for video).</summary>
    public Task<CgibinMediaGetResponse> DownloadMediaAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaId);
        var request = new CgibinMediaGetRequest { MediaId = mediaId };
        const string path = "/cgi-bin/media/get";
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.SendAsync(
                HttpMethod.Get, path, [("access_token", token), ("media_id", request.MediaId)], jsonBody: null,
                response => MediaDownload.ReadAsync(response, path, Json.CgibinMediaGetResponse), ct),
            cancellationToken);
    }

    /// <summary><c>GET /cgi-bin/user/info</c>: a follower's UnionId (when the account is bound to an open platform).</summary>
    public Task<CgibinUserInfoResponse> GetUserInfoAsync(string openId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        var request = new CgibinUserInfoRequest { OpenId = openId };
        return AccessTokens.ExecuteAsync(
            (token, ct) => _caller.GetJsonAsync(
                "/cgi-bin/user/info", [("access_token", token), ("openid", request.OpenId), ("lang", request.Language)],
                Json.CgibinUserInfoResponse, ct),
            cancellationToken);
    }

    private static (string, string)[] Token(string accessToken) => [("access_token", accessToken)];

    private async Task<AccessTokenGrant> FetchAccessTokenAsync(CancellationToken cancellationToken)
    {
        var response = await GetStableTokenAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        return new AccessTokenGrant(response.AccessToken, TimeSpan.FromSeconds(response.ExpiresIn));
    }
}
