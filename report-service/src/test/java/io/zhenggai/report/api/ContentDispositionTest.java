package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The Content-Disposition of a bulletin: a Chinese name in filename* (RFC 5987), an ASCII one for the rest. */
class ContentDispositionTest {

    @Test
    void shouldNameTheFileInChineseAndInAscii() {
        String header = ContentDisposition.of("attachment", "整改进展情况通报-东营经济技术开发区党工委-2023-05-10.docx",
                "bulletin-2023-05-10.docx");
        assertThat(header).startsWith("attachment; filename=\"bulletin-2023-05-10.docx\"; filename*=UTF-8''");
        assertThat(header.chars().allMatch(c -> c >= 0x20 && c < 0x7F)).as("ASCII only on the wire").isTrue();
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertThat(encoded).matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
                .isEqualTo("整改进展情况通报-东营经济技术开发区党工委-2023-05-10.docx");
    }

    @Test
    void shouldKeepNamesSafeForEveryFileSystemAndOfASensibleLength() {
        assertThat(ContentDisposition.safe("a/b\\c:d*e?f\"g<h>i|j\u0000k.md")).isEqualTo("a_b_c_d_e_f_g_h_i_j_k.md");
        String longName = "整".repeat(300) + ".docx";
        String safe = ContentDisposition.safe(longName);
        assertThat(safe.codePointCount(0, safe.length())).isEqualTo(120);
        assertThat(safe).endsWith(".docx");
        assertThat(ContentDisposition.of("inline", "x.md", "a\"b;c,d%.md")).startsWith("inline; filename=\"a_b_c_d_.md\"");
    }
}
