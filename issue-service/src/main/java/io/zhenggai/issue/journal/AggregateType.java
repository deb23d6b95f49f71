package io.zhenggai.issue.journal;

/** The two kinds of aggregate whose changes are journaled: an inspection (巡察) and an issue (问题). */
public enum AggregateType {
    INSPECTION("inspection"),
    ISSUE("issue");

    private final String code;

    AggregateType(String code) {
        this.code = code;
    }

    /** The name used in the journal and in the CloudEvents {@code aggregatetype} attribute. */
    public String code() {
        return code;
    }

    public static AggregateType ofCode(String code) {
        for (AggregateType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown aggregate type " + code);
    }
}
