package io.zhenggai.report.indicator;

/**
 * A request about indicators that cannot be answered as asked: what kind of refusal, the field it concerns and why.
 * The indicator package knows nothing of HTTP; the API maps each kind to its status.
 */
public class IndicatorRefusal extends RuntimeException {

    /** Why the request is refused. */
    public enum Kind {
        /** A parameter or field that cannot be used as given. */
        INVALID,
        /** No indicator, version or group with this identity. */
        NOT_FOUND,
        /** The request conflicts with what exists (a code in use). */
        CONFLICT,
        /** The caller changed a version that is no longer the latest. */
        STALE
    }

    private final Kind kind;
    private final String field;

    public IndicatorRefusal(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static IndicatorRefusal invalid(String field, String message) {
        return new IndicatorRefusal(Kind.INVALID, field, message);
    }

    static IndicatorRefusal notFound(String field, String message) {
        return new IndicatorRefusal(Kind.NOT_FOUND, field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
