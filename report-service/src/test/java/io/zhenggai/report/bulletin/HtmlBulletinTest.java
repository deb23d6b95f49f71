package io.zhenggai.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The HTML bulletin: one page, headings by level, every text escaped. */
class HtmlBulletinTest {

    @Test
    void shouldMarkTheLevelsAndTheOfficesAppendix() {
        String html = HtmlBulletin.render(BulletinAssembler.assemble(Fixtures.input()));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">", "<meta charset=\"utf-8\">",
                "<h2>一、整改工作基本情况</h2>", "<h3>（一）关于聚焦党中央各项决策部署在基层的落实情况方面</h3>",
                "<h4>1.学习贯彻落实不够深入,在学懂弄通做实上有差距。</h4>", "<p class=\"group\">产业发展</p>",
                "<span class=\"label\">整改成效：</span><span class=\"status\">已完成。</span>新建大棚120座。",
                "<hr class=\"page-break\">", "<p class=\"attachment-label\">附件2</p>", "<p class=\"finding\">◆",
                "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }");
    }

    @Test
    void shouldEscapeEveryText() {
        Bulletin bulletin = new Bulletin(UUID.randomUUID(), "单位", "<script>alert(1)</script>", LocalDate.of(2023, 5, 10),
                List.of(new Bulletin.Title("<script>alert(1)</script>"), new Bulletin.Paragraph("a & b \"c\" 'd' <e>")),
                List.of());
        String html = HtmlBulletin.render(bulletin);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<p>a &amp; b &quot;c&quot; &#39;d&#39; &lt;e&gt;</p>");
    }
}
