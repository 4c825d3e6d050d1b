using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>
/// The additive figures of one group while they are summed: from tickets (<see cref="Add"/>), from stored rollup rows
/// (<see cref="Merge"/>), and back to a rollup row or a <see cref="TicketKpiRow"/>. Counts are exact; the two durations
/// go through <see cref="KpiSketch"/>, so their median and p90 are within <see cref="KpiSketch.RelativeError"/>.
/// </summary>
internal sealed class KpiTally
{
    private readonly KpiSketch _firstResponse = new();
    private readonly KpiSketch _resolution = new();
    private long _opened, _closed, _responseMet, _responseBreached, _resolutionMet, _resolutionBreached, _resolved, _reworked, _ratingSum, _ratings, _complaints;

    public void Add(KpiTicket ticket)
    {
        _opened++;
        _responseMet += ticket.ResponseMet ? 1 : 0;
        _responseBreached += ticket.ResponseBreached ? 1 : 0;
        _resolutionMet += ticket.ResolutionMet ? 1 : 0;
        _resolutionBreached += ticket.ResolutionBreached ? 1 : 0;
        _resolved += ticket.Resolved ? 1 : 0;
        _reworked += ticket.Reworked ? 1 : 0;
        if (ticket.Rating is { } rating)
        {
            _ratingSum += rating;
            _ratings++;
            _complaints += rating <= Domain.Feedbacks.Feedback.MaxStarsAskingWhy ? 1 : 0;
        }

        if (ticket.FirstResponseSeconds is { } response)
        {
            _firstResponse.Add(response);
        }

        if (ticket.ResolutionSeconds is { } resolution)
        {
            _resolution.Add(resolution);
        }
    }

    public void AddClosed(long count = 1) => _closed += count;

    public void Merge(KpiDailyRollup row)
    {
        _opened += row.Opened;
        _closed += row.Closed;
        _responseMet += row.ResponseMet;
        _responseBreached += row.ResponseBreached;
        _resolutionMet += row.ResolutionMet;
        _resolutionBreached += row.ResolutionBreached;
        _resolved += row.Resolved;
        _reworked += row.Reworked;
        _ratingSum += row.RatingSum;
        _ratings += row.Ratings;
        _complaints += row.Complaints;
        _firstResponse.MergeBytes(row.FirstResponseSketch);
        _resolution.MergeBytes(row.ResolutionSketch);
    }

    public KpiDailyRollup ToRollup(DateOnly day, KpiDimension dimension, string key) => new()
    {
        Day = day,
        Dimension = dimension,
        Key = key,
        Opened = _opened,
        Closed = _closed,
        ResponseMet = _responseMet,
        ResponseBreached = _responseBreached,
        ResolutionMet = _resolutionMet,
        ResolutionBreached = _resolutionBreached,
        Resolved = _resolved,
        Reworked = _reworked,
        RatingSum = _ratingSum,
        Ratings = _ratings,
        Complaints = _complaints,
        FirstResponseSketch = _firstResponse.ToBytes(),
        ResolutionSketch = _resolution.ToBytes(),
    };

    public TicketKpiRow ToRow(string key) => new(
        key, _opened, _closed, _firstResponse.MedianAndP90(), _resolution.MedianAndP90(),
        _responseMet, _responseBreached, _resolutionMet, _resolutionBreached, _resolved, _reworked,
        _ratings == 0 ? null : (double)_ratingSum / _ratings, _ratings, _complaints);
}
