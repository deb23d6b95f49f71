package io.zhenggai.report.bulletin;

import java.util.UUID;

/** No inspection with this id was in the ledger at the moment asked (or at all). */
public class UnknownInspectionException extends RuntimeException {

    private final transient UUID inspection;

    public UnknownInspectionException(UUID inspection, String message) {
        super(message);
        this.inspection = inspection;
    }

    public UUID inspection() {
        return inspection;
    }
}
