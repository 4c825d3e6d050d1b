using System.Net;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>Photo uploads with a report: what is accepted, what is refused (with nothing written), who may download.</summary>
public sealed class MiniPhotoTests
{
    private const int MaxBytes = 4096;

    private static readonly Dictionary<string, string?> SmallLimit = new() { ["MiniApi:PhotoMaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task JpegAndPng_AreStored_AndOnlyTheOwnerCanDownloadThem()
    {
        await using var bed = await MiniTestBed.StartAsync(settings: SmallLimit);
        var owner = await bed.SignInAsync("chen");
        var stranger = await bed.SignInAsync("wang");
        var jpeg = MiniTickets.Jpeg(MaxBytes);

        // The declared type and name do not matter: the bytes do.
        var created = await owner.CreateTicketWithPhotosAsync(MiniTickets.Tap(),
            [new PhotoFile(jpeg, "IMG_0001.jpg"), new PhotoFile(MiniTickets.Png(), "wx_tmp.dat", "application/octet-stream")]);
        var detail = await owner.TicketAsync(created.Ok.Id);
        var first = await owner.PhotoAsync(detail.Ok.Photos[0].PicUrl!);
        var second = await owner.PhotoAsync(detail.Ok.Photos[1].PicUrl!);
        var third = await owner.PhotoAsync($"/api/mini/tickets/{created.Ok.Id}/photos/2");
        var theirs = await stranger.PhotoAsync(detail.Ok.Photos[0].PicUrl!);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(2, detail.Ok.Photos.Count);
        Assert.Equal(jpeg, first.Ok);
        Assert.Equal("image/jpeg", first.ContentType);
        Assert.Equal("image/png", second.ContentType);
        Assert.Equal(MiniTickets.Png(), second.Ok);
        Assert.Equal(HttpStatusCode.NotFound, third.Status);
        Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
        Assert.Equal(2, bed.StoredPhotos().Count);
        // Stored under names the server made: nothing of the client's file name survives.
        Assert.All(bed.StoredPhotos(), path => Assert.DoesNotContain("IMG_0001", path));
    }

    public static TheoryData<string, PhotoFile[], string> Refused => new()
    {
        { "not an image", [new PhotoFile("%PDF-1.7 not a photo"u8.ToArray(), "report.pdf", "image/jpeg")], "只能上传 JPG、PNG 或 WebP 格式的照片。" },
        { "too large", [new PhotoFile(MiniTickets.Jpeg(MaxBytes + 1))], "每张照片不能超过" },
        { "a fourth photo", [.. Enumerable.Range(0, 4).Select(_ => new PhotoFile(MiniTickets.Jpeg()))], "最多上传3张照片。" },
        { "path traversal", [new PhotoFile(MiniTickets.Jpeg(), "../../../etc/passwd")], "照片文件名不合法，请重新选择照片。" },
        { "a folder in the name", [new PhotoFile(MiniTickets.Jpeg(), "..\\..\\data\\wechat-logistics.db")], "照片文件名不合法，请重新选择照片。" },
        { "a good photo then a bad one", [new PhotoFile(MiniTickets.Jpeg()), new PhotoFile("GIF89a"u8.ToArray(), "a.gif", "image/gif")], "只能上传 JPG、PNG 或 WebP 格式的照片。" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ABadUpload_IsRefusedWithAClearMessage_AndNothingIsWritten(string why, PhotoFile[] photos, string message)
    {
        await using var bed = await MiniTestBed.StartAsync(settings: SmallLimit);
        var student = await bed.SignInAsync("chen");

        var answer = await student.CreateTicketWithPhotosAsync(MiniTickets.Tap(), photos);
        var tickets = await student.MyTicketsAsync(includeClosed: true);

        Assert.True(answer.Status == HttpStatusCode.BadRequest, why);
        Assert.StartsWith(message, (string?)answer.Problem!["errors"]!["photos"]![0]);
        Assert.Empty(bed.StoredPhotos());
        Assert.Equal(0, tickets.Ok.Total);
    }

    [Fact]
    public async Task PhotosOfAReportTheDomainRefuses_AreRemovedAgain()
    {
        await using var bed = await MiniTestBed.StartAsync(settings: SmallLimit);
        var student = await bed.SignInAsync("chen");
        // A category that is not a leaf: only the handler finds out, after the photos were stored.
        var notALeaf = MiniTickets.Tap() with { CategoryId = Domain.ReferenceData.ReferenceDataSeed.CategoryId("WATER") };

        var answer = await student.CreateTicketWithPhotosAsync(notALeaf, [new PhotoFile(MiniTickets.Jpeg())]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal("请选择具体的报修类别。", answer.Title);
        Assert.Empty(bed.StoredPhotos());
    }
}
