using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.Http;

/// <summary>
/// Section <c>ReverseProxy</c>: which proxies in front of the Bot are trusted to say who the client is. Behind nginx
/// every connection comes from the proxy; the per-address limits (callbacks, mini-program sign-in) need the address
/// nginx saw, which it passes in <c>X-Forwarded-For</c>. Only the listed proxies are believed: anyone else's header
/// is ignored, so a client cannot pick its own bucket by sending the header itself.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Proxy addresses (e.g. "10.0.0.5"). Loopback is always trusted: nginx on the same host.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation (e.g. "10.0.0.0/24").</summary>
    public IList<string> KnownNetworks { get; } = [];
}

public static class ReverseProxySetup
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ReverseProxy:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ReverseProxy:KnownNetworks must be CIDR networks such as 10.0.0.0/24.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            // One hop: the address the trusted proxy itself saw. The defaults already trust 127.0.0.0/8 and ::1.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
