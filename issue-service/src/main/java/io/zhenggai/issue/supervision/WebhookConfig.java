package io.zhenggai.issue.supervision;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The webhooks reminders and urges are delivered to ({@code zhenggai.webhooks.<name>.*}); how they are delivered is
 * {@link WebhookDeliveryConfig}.
 */
@ConfigMapping(prefix = "zhenggai.webhooks")
public interface WebhookConfig {

    /** The configured webhooks by name; none by default. */
    @WithParentName
    Map<String, Webhook> webhooks();

    /** The shape of the robot's messages. */
    enum Kind {
        /** 企业微信 group robot: {"msgtype":"text","text":{"content":…}}. */
        WECOM,
        /** 钉钉 custom robot: the same shape, with timestamp and sign URL parameters when a secret is set. */
        DINGTALK,
        /** 飞书 custom bot: {"msg_type":"text","content":{"text":…},"timestamp","sign"}. */
        FEISHU,
        /** Our own JSON: the notice and what it is about. */
        GENERIC
    }

    enum Format {
        TEXT, MARKDOWN
    }

    interface Webhook {

        /** Where to POST (a robot's webhook address, with its key). */
        String url();

        @WithDefault("GENERIC")
        Kind kind();

        @WithDefault("TEXT")
        Format format();

        /** The signing secret (DingTalk 加签, Feishu 签名校验, and our X-Zhenggai-Signature); better a file. */
        Optional<String> secret();

        /** A file holding the secret (its text, stripped). */
        Optional<Path> secretFile();

        /** Only reminders and urges to one of these units; every unit when left out. */
        Optional<List<String>> units();

        /** Only these levels (UNSIGNED, YELLOW, RED, STALE, URGE); all when left out. */
        Optional<List<String>> levels();
    }
}
