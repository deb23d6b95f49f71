/**
 * Evidence (佐证材料): files uploaded to an issue — PDF, images, Word and Excel — streamed into a content-addressed
 * store (PostgreSQL by default, behind {@link io.zhenggai.issue.evidence.EvidenceStore}), checked against their
 * declared type by their bytes, and referred to by id from progress reports and workflow steps. Beside the ledger:
 * it uses the ledger's issues, access rules and exceptions, and the ledger reaches it only through the
 * {@link io.zhenggai.issue.ledger.EvidenceCatalogue} it owns.
 */
package io.zhenggai.issue.evidence;
