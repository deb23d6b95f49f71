package io.zhenggai.issue.ledger;

import java.util.UUID;

/**
 * A piece of evidence (佐证材料) as events and reports refer to it: what a consumer needs to show and check it,
 * never its bytes.
 *
 * @param sha256 the hex SHA-256 of its bytes, which also address it in the store
 */
public record EvidenceRef(UUID id, String name, String mediaType, long size, String sha256) {
}
