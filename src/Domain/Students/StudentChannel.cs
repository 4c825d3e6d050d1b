namespace WechatLogistics.Domain.Students;

/// <summary>Where an OpenId comes from: OpenIds are per app, so the same student has one per channel.</summary>
public enum StudentChannel
{
    OfficialAccount,
    MiniProgram,
}
