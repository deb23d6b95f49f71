package io.zhenggai.issue.supervision;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The group robots' message shapes and signatures (企业微信, 钉钉, 飞书, or our own JSON), and our own body signature.
 * Pure: the same notice, secret and instant give the same request.
 */
public final class RobotMessages {

    public static final String DELIVERY_HEADER = "X-Zhenggai-Delivery";
    public static final String SIGNATURE_HEADER = "X-Zhenggai-Signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to send: the URL (with a robot's signature parameters) and the JSON body. */
    public record Request(String url, String body) {
    }

    /** What a generic receiver gets besides the notice. */
    public record Subject(String deliveryId, String eventType, String eventId, String issueId, String level) {
    }

    private RobotMessages() {
    }

    public static Request build(WebhookConfig.Kind kind, WebhookConfig.Format format, String url, String secret,
                                Notices.Notice notice, Subject subject, Instant now) {
        boolean markdown = format == WebhookConfig.Format.MARKDOWN;
        String content = markdown ? notice.markdown() : notice.text();
        Map<String, Object> body = new LinkedHashMap<>();
        switch (kind) {
            case WECOM -> {
                body.put("msgtype", markdown ? "markdown" : "text");
                body.put(markdown ? "markdown" : "text", Map.of("content", content));
            }
            case DINGTALK -> {
                body.put("msgtype", markdown ? "markdown" : "text");
                body.put(markdown ? "markdown" : "text", markdown
                        ? Map.of("title", notice.title(), "text", content) : Map.of("content", content));
                if (secret != null) {
                    String timestamp = String.valueOf(now.toEpochMilli());
                    url = url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                            + URLEncoder.encode(dingTalkSign(secret, timestamp), StandardCharsets.UTF_8);
                }
            }
            case FEISHU -> {
                if (secret != null) {
                    String timestamp = String.valueOf(now.getEpochSecond());
                    body.put("timestamp", timestamp);
                    body.put("sign", feishuSign(secret, timestamp));
                }
                if (markdown) {
                    body.put("msg_type", "interactive");
                    body.put("card", Map.of("header", Map.of("title", Map.of("tag", "plain_text",
                            "content", notice.title())), "elements", java.util.List.of(Map.of("tag", "markdown",
                            "content", content))));
                } else {
                    body.put("msg_type", "text");
                    body.put("content", Map.of("text", content));
                }
            }
            case GENERIC -> {
                body.put("deliveryId", subject.deliveryId());
                body.put("eventType", subject.eventType());
                body.put("eventId", subject.eventId());
                body.put("issueId", subject.issueId());
                body.put("level", subject.level());
                body.put("title", notice.title());
                body.put("text", content);
                body.put("format", format.name());
            }
        }
        try {
            return new Request(url, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 钉钉加签: Base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)), timestamp in milliseconds. */
    public static String dingTalkSign(String secret, String timestamp) {
        return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** 飞书签名校验: Base64(HMAC-SHA256(key = timestamp + "\n" + secret, empty message)), timestamp in seconds. */
    public static String feishuSign(String secret, String timestamp) {
        return Base64.getEncoder().encodeToString(hmac((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8),
                new byte[0]));
    }

    /** Our own header for every kind: {@code sha256=<hex HMAC-SHA256(secret, body)>}. */
    public static String bodySignature(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
