package io.zhenggai.issue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void shouldReadTheExactNameFirst() throws Exception {
        assertThat(ContentDisposition.fileName("attachment; filename=\"a.pdf\"; filename*=UTF-8''%E6%95%B4.pdf"))
                .hasValue("整.pdf");
        assertThat(ContentDisposition.fileName("attachment; filename*=utf-8'zh-CN'%E6%95%B4%20%E6%94%B9.pdf"))
                .hasValue("整 改.pdf");
        assertThat(ContentDisposition.fileName("attachment; filename*=ISO-8859-1''caf%E9.pdf")).hasValue("café.pdf");
        assertThat(ContentDisposition.fileName("attachment; filename=\"a \\\"quoted\\\" name.pdf\""))
                .hasValue("a \"quoted\" name.pdf");
        assertThat(ContentDisposition.fileName("attachment;filename=plain.pdf ;")).hasValue("plain.pdf");
        assertThat(ContentDisposition.fileName("inline")).isEmpty();
        assertThat(ContentDisposition.fileName(null)).isEmpty();
    }

    @Test
    void shouldTakeRawUtf8InAPlainNameAsBrowsersSendIt() throws Exception {
        String latin1 = new String("整改.pdf".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(ContentDisposition.fileName("form-data; filename=\"" + latin1 + "\"")).hasValue("整改.pdf");
        assertThat(ContentDisposition.fileName("attachment; filename=\"caf\u00e9.pdf\"")).hasValue("café.pdf");
    }

    @Test
    void shouldRefuseAHeaderItCannotRead() {
        for (String header : new String[]{"attachment; filename*=UTF-8''%E6%95", "attachment; filename*=GBK''%D5",
                "attachment; filename*=a.pdf", "attachment; filename*=UTF-8''%ZZ", "attachment; filename=\"open",
                "attachment; filename=\"a\" b", "attachment; filename=a; filename=b", "attachment; filename",
                "attachment; filename*=UTF-8''a b"}) {
            assertThatThrownBy(() -> ContentDisposition.fileName(header)).as(header)
                    .isInstanceOf(ContentDisposition.Unreadable.class);
        }
    }

    @Test
    void shouldWriteAnAttachmentEveryClientCanRead() throws Exception {
        String header = ContentDisposition.attachment("整改报告 \"终稿\";v2.pdf", "pdf");
        assertThat(header).isEqualTo("attachment; filename=\"v2.pdf\"; filename*=UTF-8''"
                + "%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%20%22%E7%BB%88%E7%A8%BF%22%3Bv2.pdf");
        assertThat(ContentDisposition.fileName(header)).hasValue("整改报告 \"终稿\";v2.pdf");
        assertThat(ContentDisposition.asciiFallback("整改.xlsx", "xlsx")).isEqualTo("evidence.xlsx");
        assertThat(ContentDisposition.asciiFallback("2023年台账.xlsx", "xlsx")).isEqualTo("2023.xlsx");
        assertThat(ContentDisposition.asciiFallback("a/b\\c%d.pdf", "pdf")).isEqualTo("a_b_c_d.pdf");
        assertThat(ContentDisposition.asciiFallback("plain name.pdf", "pdf")).isEqualTo("plain name.pdf");
        assertThat(ContentDisposition.asciiFallback("报告 final.整改", "pdf")).isEqualTo("final");
        assertThat(ContentDisposition.asciiFallback("..", "pdf")).isEqualTo("evidence.pdf");
    }
}
