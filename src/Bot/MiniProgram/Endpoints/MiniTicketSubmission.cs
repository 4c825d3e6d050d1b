using Mediator;
using WechatLogistics.Bot.MiniProgram.Photos;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>
/// One create request, checked in full before anything is written: the fields, every photo, and the Idempotency-Key
/// (a retry is answered from the ticket it opened, without storing its photos again). Photos are stored only then,
/// and removed again when the ticket is not opened after all.
/// </summary>
public sealed class MiniTicketSubmission
{
    private readonly OpenRepairTicketCommand _command;
    private readonly IReadOnlyList<PhotoUpload> _photos;
    private readonly bool _keyed;

    private MiniTicketSubmission(OpenRepairTicketCommand command, IReadOnlyList<PhotoUpload> photos, bool keyed)
    {
        _command = command;
        _photos = photos;
        _keyed = keyed;
    }

    public static async Task<MiniTicketSubmission> ReadAsync(HttpRequest request, string openId, int maxPhotoBytes, CancellationToken ct)
    {
        var key = IdempotencyKey.From(request);
        MiniTicketRequest body;
        IReadOnlyList<PhotoUpload> photos = [];
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            body = MiniTicketRequest.FromForm(form);
            photos = await PhotoUpload.ReadAllAsync(form.Files, maxPhotoBytes, ct);
        }
        else
        {
            body = await request.ReadFromJsonAsync<MiniTicketRequest>(ct)
                ?? throw new ValidationException([new ValidationError("body", "请填写报修内容。")]);
        }

        // Placeholders stand for the photos until they are stored: the command is checked (and a retry matched) first.
        var command = body.ToCommand(openId, [.. photos.Select(_ => new TicketPhoto(null, null, "pending"))], key ?? Guid.NewGuid().ToString("N"));
        if (command.Validate().ToList() is { Count: > 0 } errors)
        {
            throw new ValidationException(errors);
        }

        return new MiniTicketSubmission(command, photos, key is not null);
    }

    /// <returns>The ticket, and whether this request opened it (false: a retry of the same key).</returns>
    public async Task<(OpenRepairTicketResult Result, bool Created)> SendAsync(ISender sender, IPhotoStore store, CancellationToken ct)
    {
        if (_keyed && await EarlierAsync(sender, ct) is { } earlier)
        {
            return (earlier, false);
        }

        var keys = new List<string>(_photos.Count);
        try
        {
            foreach (var photo in _photos)
            {
                keys.Add(await store.SaveAsync(photo.Content, photo.Format, ct));
            }

            var result = await sender.Send(_command with { Photos = [.. keys.Select(k => new TicketPhoto(null, null, k))] }, ct);
            if (result.AlreadyExisted)
            {
                // A concurrent retry of the same key won: its photos are the ticket's, these are not needed.
                await DeleteAsync(store, keys);
                keys.Clear();
                return (await EarlierAsync(sender, ct) ?? result, false);
            }

            return (result, true);
        }
        catch
        {
            await DeleteAsync(store, keys);
            throw;
        }
    }

    /// <summary>The ticket the key already opened; the same key with a different report is 422 (a client bug, not a retry).</summary>
    private async Task<OpenRepairTicketResult?> EarlierAsync(ISender sender, CancellationToken ct)
    {
        var earlier = await sender.Send(new FindRepairTicketByKeyQuery(_command.ReporterOpenId, _command.IdempotencyKey), ct);
        return earlier is null ? null
            : earlier.Matches(_command) ? earlier.Result
            : throw new DomainException("ticket.idempotency_mismatch", "这个请求标识已用于另一份报修，请刷新后重新提交。");
    }

    private static async Task DeleteAsync(IPhotoStore store, List<string> keys)
    {
        foreach (var key in keys)
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
    }
}
