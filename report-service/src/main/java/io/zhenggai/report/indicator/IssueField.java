package io.zhenggai.report.indicator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zhenggai.report.projection.IssueStatus;
import io.zhenggai.report.projection.WarningLevel;

/**
 * The fields an {@code issues(...)} filter may test, and the dimensions an issue count can be grouped by. Every field
 * is seen as a set of strings (a single-valued field as a set of at most one) so that {@code =}, {@code in}, {@code *}
 * and {@code none} mean the same thing everywhere: "one of", "any value", "no value".
 */
public enum IssueField {
    STATUS("status", Kind.ENUM, f -> Set.of(f.status().name())),
    WARNING("warning", Kind.ENUM, f -> Set.of(f.warning().name())),
    ASPECT("aspect", Kind.TEXT, f -> single(f.aspect())),
    CATEGORY("category", Kind.TEXT, f -> single(f.category())),
    UNIT("unit", Kind.TEXT, IssueFact::units),
    LEADER("leader", Kind.TEXT, IssueFact::leaders),
    TAG("tag", Kind.TEXT, IssueFact::tags),
    LIST("list", Kind.TEXT, f -> single(f.list())),
    INSPECTION("inspection", Kind.TEXT, f -> single(f.inspection())),
    ON_TIME("onTime", Kind.BOOLEAN, f -> f.onTime() == null ? Set.of() : Set.of(f.onTime().toString())),
    OVERDUE("overdue", Kind.BOOLEAN, f -> Set.of(Boolean.toString(f.overdue())));

    private enum Kind { ENUM, TEXT, BOOLEAN }

    private final String fieldName;
    private final Kind kind;
    private final Function<IssueFact, Set<String>> accessor;

    IssueField(String fieldName, Kind kind, Function<IssueFact, Set<String>> accessor) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.accessor = accessor;
    }

    /** The name used in expressions and in {@code by=}. */
    public String fieldName() {
        return fieldName;
    }

    public static Optional<IssueField> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.fieldName.equals(name)).findFirst();
    }

    public static String knownNames() {
        return Arrays.stream(values()).map(IssueField::fieldName).collect(Collectors.joining(", "));
    }

    /** This field's values on one issue. */
    public Set<String> valuesOf(IssueFact issue) {
        return accessor.apply(issue);
    }

    /**
     * Whether {@code none} and {@code *} make sense: status, warning and overdue are always set, so testing for their
     * presence is a mistake worth reporting rather than a filter that silently matches everything or nothing.
     */
    boolean mayBeAbsent() {
        return this != STATUS && this != WARNING && this != OVERDUE;
    }

    /**
     * The canonical spelling of a value for this field, or empty when the value is not allowed. Enum and boolean values
     * are accepted in any letter case because people type {@code closed}; they are stored in one spelling so that two
     * definitions that mean the same compare equal.
     */
    Optional<String> canonicalValue(String raw) {
        return switch (kind) {
            case TEXT -> Optional.of(raw);
            case BOOLEAN -> {
                String lower = raw.toLowerCase(Locale.ROOT);
                yield lower.equals("true") || lower.equals("false") ? Optional.of(lower) : Optional.empty();
            }
            case ENUM -> {
                String upper = raw.toUpperCase(Locale.ROOT);
                yield allowedValues().contains(upper) ? Optional.of(upper) : Optional.empty();
            }
        };
    }

    /** The allowed values, in canonical order, for the error message; empty for free text. */
    List<String> allowedValues() {
        return switch (this) {
            case STATUS -> Arrays.stream(IssueStatus.values()).map(Enum::name).toList();
            case WARNING -> Arrays.stream(WarningLevel.values()).map(Enum::name).toList();
            case ON_TIME, OVERDUE -> List.of("false", "true");
            default -> List.of();
        };
    }

    /** Order of values inside {@code in [...]} in canonical form: lifecycle order for enums, otherwise natural. */
    Comparator<String> valueOrder() {
        List<String> allowed = allowedValues();
        return allowed.isEmpty() ? Comparator.naturalOrder() : Comparator.comparingInt(allowed::indexOf);
    }

    private static Set<String> single(String value) {
        return value == null ? Set.of() : Set.of(value);
    }
}
