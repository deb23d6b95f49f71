package io.zhenggai.issue.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The robots' shapes and signatures, without a service. */
class RobotMessagesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Notices.Notice NOTICE = new Notices.Notice("逾期催办：（1）问题已逾期1天", "【整改督办】逾期催办：（1）问题已逾期1天",
            "**【整改督办】逾期催办：（1）问题已逾期1天**");
    static final RobotMessages.Subject SUBJECT = new RobotMessages.Subject("d-1", "zhenggai.issue.reminded.v1", "e-1",
            "i-1", "RED");
    static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

    @Test
    void shouldShapeWeComMarkdownWithoutTouchingTheUrl() throws Exception {
        var request = RobotMessages.build(WebhookConfig.Kind.WECOM, WebhookConfig.Format.MARKDOWN,
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "s", NOTICE, SUBJECT, NOW);
        JsonNode body = JSON.readTree(request.body());
        assertThat(request.url()).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
        assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.path("markdown").path("content").asText()).isEqualTo(NOTICE.markdown());
    }

    @Test
    void shouldSignDingTalkInTheUrlWithMillisecondsAndLeaveItUnsignedWithoutASecret() throws Exception {
        var signed = RobotMessages.build(WebhookConfig.Kind.DINGTALK, WebhookConfig.Format.TEXT,
                "https://oapi.dingtalk.com/robot/send?access_token=t", "SEC1", NOTICE, SUBJECT, NOW);
        assertThat(signed.url()).startsWith("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp="
                + NOW.toEpochMilli() + "&sign=");
        String sign = URLDecoder.decode(signed.url().substring(signed.url().indexOf("&sign=") + 6),
                StandardCharsets.UTF_8);
        assertThat(sign).isEqualTo(RobotMessages.dingTalkSign("SEC1", String.valueOf(NOW.toEpochMilli())));
        assertThat(JSON.readTree(signed.body()).path("text").path("content").asText()).isEqualTo(NOTICE.text());
        var unsigned = RobotMessages.build(WebhookConfig.Kind.DINGTALK, WebhookConfig.Format.MARKDOWN,
                "https://oapi.dingtalk.com/robot/send?access_token=t", null, NOTICE, SUBJECT, NOW);
        assertThat(unsigned.url()).doesNotContain("sign=");
        assertThat(JSON.readTree(unsigned.body()).path("markdown").path("title").asText()).isEqualTo(NOTICE.title());
    }

    @Test
    void shouldSignFeishuInTheBodyWithSecondsAndCardTheMarkdown() throws Exception {
        JsonNode text = JSON.readTree(RobotMessages.build(WebhookConfig.Kind.FEISHU, WebhookConfig.Format.TEXT,
                "https://open.feishu.cn/open-apis/bot/v2/hook/x", "fs", NOTICE, SUBJECT, NOW).body());
        assertThat(text.path("timestamp").asText()).isEqualTo(String.valueOf(NOW.getEpochSecond()));
        assertThat(text.path("sign").asText()).isEqualTo(RobotMessages.feishuSign("fs",
                String.valueOf(NOW.getEpochSecond())));
        assertThat(text.path("msg_type").asText()).isEqualTo("text");
        JsonNode card = JSON.readTree(RobotMessages.build(WebhookConfig.Kind.FEISHU, WebhookConfig.Format.MARKDOWN,
                "https://open.feishu.cn/open-apis/bot/v2/hook/x", null, NOTICE, SUBJECT, NOW).body());
        assertThat(card.path("msg_type").asText()).isEqualTo("interactive");
        assertThat(card.path("card").path("elements").get(0).path("content").asText()).isEqualTo(NOTICE.markdown());
        assertThat(card.has("sign")).isFalse();
    }

    @Test
    void shouldSignTheBodyAsHexHmac() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(RobotMessages.bodySignature("Jefe", "what do ya want for nothing?")).isEqualTo(
                "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldWordEveryLevelWithOrWithoutADeadline() throws Exception {
        JsonNode issue = JSON.readTree("""
                {"numbering": "（1）", "title": "问题", "deadline": null, "leadUnit": "党政办公室",
                 "responsibleUnits": ["党政办公室"], "leadLeaders": ["张三"]}""");
        java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 2);
        assertThat(Notices.reminder(ReminderLevel.UNSIGNED, issue, day).title()).isEqualTo("签收提醒：（1）问题已交办，尚未签收");
        assertThat(Notices.reminder(ReminderLevel.STALE, issue, day).text()).contains("牵头单位：党政办公室")
                .doesNotContain("完成时限");
        JsonNode dated = ((com.fasterxml.jackson.databind.node.ObjectNode) issue.deepCopy()).put("deadline", "2026-12-01");
        assertThat(Notices.reminder(ReminderLevel.RED, dated, day).title()).isEqualTo("逾期催办：（1）问题已逾期1天（完成时限2026-12-01）");
    }
}
