using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flurl;
using Flurl.Http;
using Flurl.Http.Content;
using Microsoft.Extensions.Logging;

namespace WechatLogistics.Wechat.Api;

/// <summary>
/// Sends one API call with the shared rules: any HTTP status allowed, errcode checked, transient failures
/// retried with backoff, every attempt logged with its path (never its query string) and duration.
/// </summary>
internal sealed class WeChatApiCaller(IFlurlClient http, string baseUrl, WeChatClientSettings settings, TimeProvider time, ILogger logger)
{
    private const string JsonContentType = "application/json; charset=UTF-8";

    public Task<TResponse> GetJsonAsync<TResponse>(string path, (string Name, string Value)[] query, JsonTypeInfo<TResponse> responseInfo, CancellationToken ct)
        where TResponse : WeChatApiResponse =>
        SendAsync(HttpMethod.Get, path, query, jsonBody: null, response => ReadJsonAsync(response, path, responseInfo), ct);

    public Task<TResponse> PostJsonAsync<TRequest, TResponse>(
        string path, (string Name, string Value)[] query, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken ct)
        where TResponse : WeChatApiResponse
    {
        var json = JsonSerializer.Serialize(body, requestInfo);
        return SendAsync(HttpMethod.Post, path, query, json, response => ReadJsonAsync(response, path, responseInfo), ct);
    }

    public async Task<T> SendAsync<T>(
        HttpMethod verb, string path, (string Name, string Value)[] query, string? jsonBody, Func<IFlurlResponse, Task<T>> read, CancellationToken ct)
        where T : WeChatApiResponse
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(verb, path, query, jsonBody, read, attempt, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < settings.MaxAttempts && IsTransient(ex))
            {
                var delay = WeChatRetryBackoff.Delay(attempt, settings.RetryBaseDelay, Random.Shared.NextDouble());
                WeChatApiLog.RetryScheduled(logger, path, delay.TotalMilliseconds, attempt);
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Parses a JSON answer and throws <see cref="WeChatApiException"/> when errcode is not 0.</summary>
    public static TResponse ParseJson<TResponse>(string body, string path, JsonTypeInfo<TResponse> responseInfo)
        where TResponse : WeChatApiResponse
    {
        TResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, responseInfo);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        // The body itself is not quoted: it may be an HTML error page or carry a session_key.
        if (parsed is null)
        {
            throw new WeChatTransportException($"WeChat API {path} answered with a body that is not the expected JSON", path, 200, isTransient: false);
        }

        if (!parsed.IsSuccessful)
        {
            throw new WeChatApiException(parsed.ErrorCode, parsed.ErrorMessage ?? string.Empty, path);
        }

        return parsed;
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        WeChatTransportException transport => transport.IsTransient,
        WeChatApiException api => WeChatErrorCodes.IsTransient(api.ErrorCode),
        _ => false,
    };

    private static async Task<TResponse> ReadJsonAsync<TResponse>(IFlurlResponse response, string path, JsonTypeInfo<TResponse> responseInfo)
        where TResponse : WeChatApiResponse =>
        ParseJson(await response.GetStringAsync().ConfigureAwait(false), path, responseInfo);

    private async Task<T> SendOnceAsync<T>(
        HttpMethod verb, string path, (string Name, string Value)[] query, string? jsonBody, Func<IFlurlResponse, Task<T>> read, int attempt, CancellationToken ct)
        where T : WeChatApiResponse
    {
        ct.ThrowIfCancellationRequested();
        var url = new Url(baseUrl).AppendPathSegment(path);
        foreach (var (name, value) in query)
        {
            url.SetQueryParam(name, value);
        }

        var request = new FlurlRequest(url) { Client = http }.WithTimeout(settings.Timeout).AllowAnyHttpStatus();
        var content = jsonBody is null ? null : new CapturedStringContent(jsonBody, JsonContentType);
        var started = time.GetTimestamp();
        try
        {
            using var response = await SendRawAsync(request, verb, content, path, ct).ConfigureAwait(false);
            if (response.StatusCode is < 200 or >= 300)
            {
                // WeChat answers 200 even for errors; anything else comes from a gateway in between.
                throw new WeChatTransportException(
                    $"WeChat API {path} answered HTTP {response.StatusCode}", path, response.StatusCode, isTransient: response.StatusCode >= 500);
            }

            var result = await read(response).ConfigureAwait(false);
            WeChatApiLog.CallSucceeded(logger, verb.Method, path, result.ErrorCode, time.GetElapsedTime(started).TotalMilliseconds, attempt);
            return result;
        }
        catch (WeChatApiException ex)
        {
            WeChatApiLog.CallFailed(logger, verb.Method, path, ex.ErrorCode, ex.ErrorMessage, time.GetElapsedTime(started).TotalMilliseconds, attempt);
            throw;
        }
        catch (WeChatTransportException ex)
        {
            WeChatApiLog.TransportFailed(logger, verb.Method, path, time.GetElapsedTime(started).TotalMilliseconds, attempt, ex.Message);
            throw;
        }
    }

    private async Task<IFlurlResponse> SendRawAsync(IFlurlRequest request, HttpMethod verb, HttpContent? content, string path, CancellationToken ct)
    {
        try
        {
            return await request.SendAsync(verb, content, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (FlurlHttpException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (FlurlHttpTimeoutException ex)
        {
            // Flurl's message holds the full URL; only the underlying exception is kept.
            throw new WeChatTransportException(
                $"WeChat API {path} timed out after {settings.Timeout.TotalSeconds:0.#} s", path, null, isTransient: true, ex.InnerException);
        }
        catch (FlurlHttpException ex)
        {
            throw new WeChatTransportException(
                $"WeChat API {path} could not be reached: {ex.InnerException?.Message}", path, null, isTransient: true, ex.InnerException);
        }
    }
}
