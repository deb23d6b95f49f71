package io.zhenggai.issue.evidence;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A piece of evidence as the API shows it; its bytes are at {@code GET /api/issues/{issueId}/evidence/{id}}. */
@Schema(description = "佐证材料: a file uploaded to an issue")
public record EvidenceView(
        UUID id,
        UUID issueId,
        @Schema(example = "2023年一季度整改台账.xlsx") String name,
        @Schema(example = "application/pdf") String mediaType,
        @Schema(description = "bytes") long size,
        @Schema(description = "hex SHA-256 of the bytes; also the download's ETag") String sha256,
        @Schema(description = "the token subject of the uploader") String uploadedBy,
        Instant uploadedAt,
        @Schema(description = "the issue's sequence (ETag) after the upload's event") long sequence) {

    static EvidenceView of(Evidence e) {
        return new EvidenceView(e.id, e.issueId, e.name, e.mediaType, e.size, e.sha256, e.uploadedBy, e.uploadedAt,
                e.sequence);
    }
}
