using Mediator;

namespace WechatLogistics.Handlers.Tests.Support;

/// <summary>A Mediator stand-in for dialog tests: canned answers per message type, and a record of what was sent.</summary>
public sealed class FakeSender : ISender
{
    private readonly Dictionary<Type, Func<object, object?>> _answers = [];

    public List<object> Sent { get; } = [];

    public IEnumerable<T> SentOf<T>() => Sent.OfType<T>();

    /// <summary>Answers messages of type <typeparamref name="TMessage"/>; the function may throw (a DomainException, say).</summary>
    public FakeSender On<TMessage>(Func<TMessage, object?> answer)
    {
        _answers[typeof(TMessage)] = message => answer((TMessage)message);
        return this;
    }

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        Answer<TResponse>(request);

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        Answer<TResponse>(command);

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        Answer<TResponse>(query);

    public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) => Answer<object?>(message);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private ValueTask<TResponse> Answer<TResponse>(object message)
    {
        Sent.Add(message);
        if (!_answers.TryGetValue(message.GetType(), out var answer))
        {
            throw new InvalidOperationException($"No answer set up for {message.GetType().Name}.");
        }

        return ValueTask.FromResult((TResponse)answer(message)!);
    }
}
