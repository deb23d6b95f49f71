package io.zhenggai.issue.ledger;

import java.util.List;
import java.util.UUID;

/**
 * The evidence of issues, as the ledger needs it: progress reports and workflow steps refer to evidence by id. The
 * ledger owns this interface and the {@code evidence} package implements it, so the arrow points from evidence to
 * the ledger and never back.
 */
public interface EvidenceCatalogue {

    /**
     * The references of {@code ids}, in their order without repeats, all of them evidence of {@code issueId}.
     *
     * @param field the request's field, for a refusal: {@code evidenceIds}
     * @throws LedgerException (invalid, naming {@code field[i]}) for an id that is not evidence of this issue
     */
    List<EvidenceRef> resolve(UUID issueId, List<UUID> ids, String field);
}
