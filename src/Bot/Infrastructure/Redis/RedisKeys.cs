using StackExchange.Redis;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>Every Redis key the Bot uses, in one place, under one prefix, namespaced by account.</summary>
public static class RedisKeys
{
    public const string Prefix = "wl:";

    /// <summary>A delivered push (MsgId, or FromUserName+CreateTime+Event for events).</summary>
    public static RedisKey Delivery(string dedupeKey) => Prefix + "dlv:" + dedupeKey;

    /// <summary>A user's conversation (hash: v = version, d = JSON).</summary>
    public static RedisKey Session(string account, string userId) => Prefix + "ses:" + account + ":" + userId;

    /// <summary>Exists while the user's customer-service window is open (set at each message, expires after 48 h).</summary>
    public static RedisKey ContactWindow(string account, string userId) => Prefix + "win:" + account + ":" + userId;

    /// <summary>The access token of one credential (AppId, or CorpId:AgentId for WeCom); expires with PX.</summary>
    public static RedisKey AccessToken(string credentialKey) => Prefix + "tok:" + credentialKey;

    /// <summary>The refresh lock of that token; the value is the owner's id, the expiry bounds a crashed holder.</summary>
    public static RedisKey AccessTokenLock(string credentialKey) => Prefix + "tok-lock:" + credentialKey;

    /// <summary>A shared send limit's log (sorted set of send times); the partition is given hashed (it may be a secret).</summary>
    public static RedisKey RateWindow(string partitionHash) => Prefix + "rate:" + partitionHash;

    /// <summary>A student's mini-program sign-in (hash: o = OpenId, h / p = current / replaced refresh-secret hash).</summary>
    public static RedisKey MiniSession(string sessionId) => Prefix + "mini:ses:" + sessionId;
}
