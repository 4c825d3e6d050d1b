namespace WechatLogistics.Wechat;

public static class WeChatAssembly;
