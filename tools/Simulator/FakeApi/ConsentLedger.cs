namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// Subscribe-message authorizations (PROTOCOL §4.6): each acceptance in wx.requestSubscribeMessage allows exactly one
/// send of that template to that user. Enforced only with <c>--strict-consent</c>.
/// </summary>
public sealed class ConsentLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string OpenId, string TemplateId), int> _credits = [];

    /// <returns>The credits now held for this user and template.</returns>
    public int Grant(string openId, string templateId)
    {
        lock (_lock)
        {
            var credits = _credits.GetValueOrDefault((openId, templateId)) + 1;
            _credits[(openId, templateId)] = credits;
            return credits;
        }
    }

    /// <summary>0 and one credit used, or 43101 when the user has none left.</summary>
    public int TryConsume(string openId, string templateId, bool strict)
    {
        lock (_lock)
        {
            if (_credits.TryGetValue((openId, templateId), out var credits) && credits > 0)
            {
                _credits[(openId, templateId)] = credits - 1;
                return 0;
            }

            return strict ? 43101 : 0;
        }
    }
}
