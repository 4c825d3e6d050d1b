namespace WechatLogistics.Wechat.Api;

internal static class WeChatRetryBackoff
{
    /// <summary>
    /// Exponential backoff with jitter: <c>base · 2^(attempt−1)</c> scaled into [½, 1] of that value by
    /// <paramref name="random01"/>, so instances that failed together do not retry together.
    /// </summary>
    public static TimeSpan Delay(int failedAttempt, TimeSpan baseDelay, double random01)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1);
        return TimeSpan.FromMilliseconds(exponential * (0.5 + (0.5 * random01)));
    }
}
