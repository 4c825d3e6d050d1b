namespace WechatLogistics.Handlers.Common;

/// <summary>
/// A message that can check its own input. <see cref="ValidationBehavior{TMessage, TResponse}"/> runs the check
/// before the handler, so handlers only see well-formed input.
/// </summary>
public interface IValidatable
{
    IEnumerable<ValidationError> Validate();
}
