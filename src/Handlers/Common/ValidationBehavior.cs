using Mediator;

namespace WechatLogistics.Handlers.Common;

/// <summary>Validates <see cref="IValidatable"/> messages before their handler runs; other messages pass through.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidatable validatable)
        {
            var errors = validatable.Validate().ToList();
            if (errors.Count > 0)
            {
                throw new ValidationException(errors);
            }
        }

        return next(message, cancellationToken);
    }
}
