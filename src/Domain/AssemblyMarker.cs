namespace WechatLogistics.Domain;

/// <summary>Anchors the assembly for scanning and tests.</summary>
public static class DomainAssembly;
