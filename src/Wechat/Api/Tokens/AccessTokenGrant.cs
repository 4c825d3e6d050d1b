namespace WechatLogistics.Wechat.Api.Tokens;

/// <summary>A token as issued by the platform (<c>access_token</c>, <c>expires_in</c>).</summary>
public sealed record AccessTokenGrant(string AccessToken, TimeSpan ExpiresIn)
{
    public override string ToString() => $"AccessTokenGrant {{ ExpiresIn = {ExpiresIn} }}";
}
