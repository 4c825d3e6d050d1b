using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WechatLogistics.Bot.MiniProgram;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Bot.MiniProgram.Endpoints;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Feedbacks;
using WechatLogistics.Handlers.Notifications;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>What an API call answered: the status, the typed body on success, the problem details otherwise.</summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Body, JsonNode? Problem, HttpResponseHeaders Headers, string? ContentType = null)
{
    /// <summary>The body of a 2xx answer; fails the test with the problem otherwise.</summary>
    public T Ok => Body ?? throw new Xunit.Sdk.XunitException($"Expected a body, got {(int)Status}: {Problem?.ToJsonString()}");

    public string? Title => (string?)Problem?["title"];

    public string? Code => (string?)Problem?["code"];
}

/// <summary>A photo to upload: its bytes, the file name the phone sends, and the declared Content-Type.</summary>
public sealed record PhotoFile(byte[] Content, string FileName = "photo.jpg", string ContentType = "image/jpeg");

/// <summary>
/// The mini-program's side of the API, typed with the Bot's own request and response records: sign in, then call
/// everything with the bearer token, as <c>wx.request</c> and <c>wx.uploadFile</c> would.
/// </summary>
public sealed class MiniClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http => http;

    public MiniTokenResponse? Tokens { get; private set; }

    public async Task<ApiResult<MiniTokenResponse>> LoginAsync(string code) => Remember(await SendAsync<MiniTokenResponse>(HttpMethod.Post, "/api/mini/login", new { code }));

    public async Task<ApiResult<MiniTokenResponse>> RefreshAsync(string? refreshToken = null) =>
        Remember(await SendAsync<MiniTokenResponse>(HttpMethod.Post, "/api/mini/refresh", new { refreshToken = refreshToken ?? Tokens?.RefreshToken }));

    public Task<ApiResult<JsonNode>> LogoutAsync() => SendAsync<JsonNode>(HttpMethod.Post, "/api/mini/logout", new { refreshToken = Tokens?.RefreshToken });

    public Task<ApiResult<List<MiniLocationNode>>> LocationsAsync() => SendAsync<List<MiniLocationNode>>(HttpMethod.Get, "/api/mini/locations");

    public Task<ApiResult<List<Handlers.ReferenceData.RepairCategoryNode>>> CategoriesAsync() =>
        SendAsync<List<Handlers.ReferenceData.RepairCategoryNode>>(HttpMethod.Get, "/api/mini/categories");

    public Task<ApiResult<MiniTicketCreated>> CreateTicketAsync(MiniTicketRequest ticket, string? idempotencyKey = null) =>
        SendAsync<MiniTicketCreated>(HttpMethod.Post, "/api/mini/tickets", ticket, idempotencyKey);

    /// <summary>multipart/form-data, as <c>wx.uploadFile</c> sends it: the fields plus one part per photo named "photos".</summary>
    public Task<ApiResult<MiniTicketCreated>> CreateTicketWithPhotosAsync(MiniTicketRequest ticket, IEnumerable<PhotoFile> photos, string? idempotencyKey = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(ticket.CategoryId.ToString()), "categoryId" },
            { new StringContent(ticket.Description ?? ""), "description" },
        };
        if (ticket.LocationId is { } location)
        {
            form.Add(new StringContent(location.ToString()), "locationId");
        }

        if (ticket.LocationText is { } text)
        {
            form.Add(new StringContent(text), "locationText");
        }

        foreach (var photo in photos)
        {
            var part = new ByteArrayContent(photo.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(photo.ContentType);
            // Set by hand so that names with "/" or ".." reach the server exactly as a hostile client would send them.
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"photos\"", FileName = $"\"{photo.FileName}\"" };
            form.Add(part);
        }

        return SendAsync<MiniTicketCreated>(HttpMethod.Post, "/api/mini/tickets", form, idempotencyKey);
    }

    public Task<ApiResult<MiniPage<RepairTicketSummary>>> MyTicketsAsync(bool includeClosed = false, int page = 1, int pageSize = 10) =>
        SendAsync<MiniPage<RepairTicketSummary>>(HttpMethod.Get, $"/api/mini/tickets?includeClosed={includeClosed}&page={page}&pageSize={pageSize}");

    public Task<ApiResult<RepairTicketDetails>> TicketAsync(Guid id) => SendAsync<RepairTicketDetails>(HttpMethod.Get, $"/api/mini/tickets/{id}");

    public Task<ApiResult<RepairTicketChangedResult>> CancelTicketAsync(Guid id, string? reason = null) =>
        SendAsync<RepairTicketChangedResult>(HttpMethod.Post, $"/api/mini/tickets/{id}/cancel", new MiniCancelTicketRequest(reason));

    public Task<ApiResult<RepairTicketChangedResult>> ConfirmTicketAsync(Guid id, int rating, string? comment = null) =>
        SendAsync<RepairTicketChangedResult>(HttpMethod.Post, $"/api/mini/tickets/{id}/confirm", new MiniConfirmTicketRequest(rating, comment));

    public Task<ApiResult<RepairTicketChangedResult>> ReopenTicketAsync(Guid id, string reason) =>
        SendAsync<RepairTicketChangedResult>(HttpMethod.Post, $"/api/mini/tickets/{id}/reopen", new MiniReopenTicketRequest(reason));

    public Task<ApiResult<byte[]>> PhotoAsync(string url) => SendAsync<byte[]>(HttpMethod.Get, url);

    public Task<ApiResult<SubmitFeedbackResult>> SubmitFeedbackAsync(MiniFeedbackRequest feedback, string? idempotencyKey = null) =>
        SendAsync<SubmitFeedbackResult>(HttpMethod.Post, "/api/mini/feedback", feedback, idempotencyKey);

    public Task<ApiResult<MiniPage<MyFeedback>>> MyFeedbackAsync(int page = 1, int pageSize = 10) =>
        SendAsync<MiniPage<MyFeedback>>(HttpMethod.Get, $"/api/mini/feedback?page={page}&pageSize={pageSize}");

    public Task<ApiResult<MiniPage<OpenShift>>> OpenShiftsAsync(int page = 1, int pageSize = 10) =>
        SendAsync<MiniPage<OpenShift>>(HttpMethod.Get, $"/api/mini/shifts?page={page}&pageSize={pageSize}");

    public Task<ApiResult<ClaimShiftResult>> ClaimShiftAsync(Guid shiftId) => SendAsync<ClaimShiftResult>(HttpMethod.Post, $"/api/mini/shifts/{shiftId}/claim");

    public Task<ApiResult<MiniShiftCancelled>> CancelShiftAsync(Guid shiftId) => SendAsync<MiniShiftCancelled>(HttpMethod.Post, $"/api/mini/shifts/{shiftId}/cancel");

    public Task<ApiResult<CheckInShiftResult>> CheckInAsync(Guid shiftId) => SendAsync<CheckInShiftResult>(HttpMethod.Post, $"/api/mini/shifts/{shiftId}/check-in");

    public Task<ApiResult<MiniMyShifts>> MyShiftsAsync() => SendAsync<MiniMyShifts>(HttpMethod.Get, "/api/mini/shifts/mine");

    public Task<ApiResult<MiniPage<MyAnnouncement>>> AnnouncementsAsync() => SendAsync<MiniPage<MyAnnouncement>>(HttpMethod.Get, "/api/mini/announcements");

    public Task<ApiResult<JsonNode>> MarkAnnouncementReadAsync(Guid id) => SendAsync<JsonNode>(HttpMethod.Post, $"/api/mini/announcements/{id}/read");

    public Task<ApiResult<MiniInbox>> InboxAsync() => SendAsync<MiniInbox>(HttpMethod.Get, "/api/mini/inbox");

    public Task<ApiResult<JsonNode>> MarkInboxReadAsync(Guid id) => SendAsync<JsonNode>(HttpMethod.Post, $"/api/mini/inbox/{id}/read");

    public Task<ApiResult<JsonNode>> RecordConsentAsync(params SubscribeConsentChoice[] choices) =>
        SendAsync<JsonNode>(HttpMethod.Post, "/api/mini/subscribe-consents", new MiniConsentRequest(choices));

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body, body.GetType(), options: Json),
            },
        };
        if (Tokens is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.AccessToken);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKey.Header, idempotencyKey);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new ApiResult<T>(response.StatusCode, default, bytes.Length == 0 ? null : JsonNode.Parse(bytes), response.Headers);
        }

        object? value = typeof(T) == typeof(byte[]) ? bytes
            : bytes.Length == 0 ? null
            : JsonSerializer.Deserialize<T>(bytes, Json);
        return new ApiResult<T>(response.StatusCode, (T?)value, null, response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Signs in as someone else with the same client (or signs out, with null).</summary>
    public void UseTokens(MiniTokenResponse? tokens) => Tokens = tokens;

    private ApiResult<MiniTokenResponse> Remember(ApiResult<MiniTokenResponse> result)
    {
        if (result.Body is { } tokens)
        {
            Tokens = tokens;
        }

        return result;
    }
}
