using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>The input checks the shift commands share.</summary>
internal static class ShiftValidation
{
    /// <summary>OpenIds are 28 characters, WeCom UserIds at most 64: the width of the user-id columns.</summary>
    public const int MaxUserIdLength = 64;

    public static IEnumerable<ValidationError> Volunteer(string? volunteerOpenId, Guid shiftId)
    {
        if (string.IsNullOrWhiteSpace(volunteerOpenId) || volunteerOpenId.Length > MaxUserIdLength)
        {
            yield return new ValidationError("volunteerOpenId", "缺少有效的用户标识。");
        }

        if (shiftId == Guid.Empty)
        {
            yield return new ValidationError("shiftId", "请选择岗位。");
        }
    }
}
