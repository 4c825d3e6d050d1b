namespace WechatLogistics.Bot.MiniProgram;

/// <summary>The one paging shape of the mini-program API: 1-based page, page size, total count, the page's items.</summary>
public sealed record MiniPage<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>Query-string paging, with the defaults every list uses.</summary>
public readonly record struct Paging(int? Page, int? PageSize)
{
    public int PageOrFirst => Page ?? 1;

    public int SizeOrDefault => PageSize ?? 10;
}
