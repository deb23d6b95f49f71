package io.zhenggai.issue.evidence;

import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code zhenggai.evidence.*}: what may be uploaded, how large, and where it is kept. */
@ConfigMapping(prefix = "zhenggai.evidence")
public interface EvidenceConfig {

    /** The largest file; a larger one is refused (413) before it is read when it says its length, else at the limit. */
    @WithDefault("50M")
    MemorySize maxSize();

    /**
     * The media types accepted (415 for any other); each must be one whose bytes can be checked ({@link FileType}):
     * PDF, PNG, JPEG, GIF, WebP, Word and Excel (OOXML and 97–2003).
     */
    @WithDefault("application/pdf,image/png,image/jpeg,image/gif,image/webp,"
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
            + "application/msword,application/vnd.ms-excel")
    List<String> allowedTypes();

    /**
     * How long an upload's transaction may stay open, in seconds: the bytes are stored as they arrive, in the same
     * transaction as the evidence record, so a slow client holds it (and a database connection) that long.
     */
    @WithDefault("600")
    int uploadTimeoutSeconds();
}
