package io.zhenggai.issue.importing;

/**
 * The responsibility list entry (责任清单) of an issue, when a bulletin prints one: 牵头领导, 责任单位, 完成时限.
 * Each part is {@code null} when not printed; the seed prints none.
 */
public record Responsibility(String leadLeader, String responsibleUnits, String deadline) {

    static final Responsibility NONE = new Responsibility(null, null, null);

    boolean isEmpty() {
        return leadLeader == null && responsibleUnits == null && deadline == null;
    }
}
