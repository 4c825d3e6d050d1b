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
}
