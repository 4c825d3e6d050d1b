namespace WechatLogistics.Handlers;

public static class HandlersAssembly;
