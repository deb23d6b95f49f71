package io.zhenggai.report.intake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A JSON Schema (2020-12) compiled into plain checks that answer only where they are sure: {@link Verdict#VALID} and
 * {@link Verdict#INVALID} are certain, {@link Verdict#UNSURE} leaves the event to the full validator. The intake and
 * a replay check every record against the contract; networknt's validator takes 16–17 µs an event, mostly building
 * its execution context, paths and messages for events that keep the contract anyway. This check passes the ordinary
 * event in about 6 µs; anything it does not pass is checked again by networknt, whose verdict and words are the ones
 * that count (so a rejected record's reason is the same as before).
 * <p>
 * It is never looser than the specification: where JSON Schema and this check could disagree (an integer written
 * {@code 1.0}, a string of characters outside the Basic Multilingual Plane near a {@code minLength}, a line terminator
 * before a pattern's {@code $}, a date-time outside the plain form {@code 2026-12-04T23:38:31.123Z}, numbers compared
 * for {@code const}) it says {@code UNSURE}, and a schema using a keyword it does not know compiles to nothing
 * ({@link #compile} is empty), which leaves every event to networknt.
 */
final class ContractCheck {

    enum Verdict {
        VALID, INVALID, UNSURE;

        static Verdict of(boolean holds) {
            return holds ? VALID : INVALID;
        }

        Verdict negated() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNSURE;
        }
    }

    @FunctionalInterface
    interface Check {
        Verdict test(JsonNode node);
    }

    /** Thrown while compiling a schema this check cannot judge exactly. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** Keywords that say nothing about validity. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "title", "description", "$comment", "examples",
            "default", "deprecated", "readOnly", "writeOnly", "$defs");
    private static final Check ALWAYS = node -> Verdict.VALID;
    private static final Check NEVER = node -> Verdict.INVALID;
    private static final Pattern PLAIN_DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?(Z|[+-](\\d{2}):(\\d{2}))");

    private final Check root;

    private ContractCheck(Check root) {
        this.root = root;
    }

    Verdict test(JsonNode instance) {
        return root.test(instance);
    }

    /** The schema compiled, or empty (with the reason) when it uses something this check does not judge exactly. */
    static Result compile(JsonNode schema) {
        try {
            return new Result(Optional.of(new ContractCheck(new Compiler(schema).compile(schema, true))), null);
        } catch (Unsupported e) {
            return new Result(Optional.empty(), e.getMessage());
        }
    }

    record Result(Optional<ContractCheck> check, String unsupported) {
    }

    private static final class Compiler {
        private final JsonNode root;
        private final Map<String, Check[]> refs = new HashMap<>();

        Compiler(JsonNode root) {
            this.root = root;
        }

        Check compile(JsonNode schema, boolean atRoot) {
            if (schema.isBoolean()) {
                return schema.booleanValue() ? ALWAYS : NEVER;
            }
            if (!schema.isObject()) {
                throw new Unsupported("a schema that is neither an object nor a boolean: " + schema);
            }
            List<Check> checks = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> keyword = it.next();
                String name = keyword.getKey();
                JsonNode value = keyword.getValue();
                if (ANNOTATIONS.contains(name) || name.equals("$id") && atRoot) {
                    continue;
                }
                Check check = keyword(name, value, schema);
                if (check != null) {
                    checks.add(check);
                }
            }
            return all(checks);
        }

        /** The check of one keyword, or null when it is judged together with another one (then, else). */
        private Check keyword(String name, JsonNode value, JsonNode schema) {
            return switch (name) {
                case "type" -> type(value);
                case "const" -> node -> equal(value, node);
                case "enum" -> enumeration(value);
                case "minLength" -> minLength(count(value, name));
                case "pattern" -> pattern(value);
                case "format" -> format(value);
                case "minimum" -> minimum(value);
                case "required" -> required(value);
                case "properties" -> properties(value);
                case "additionalProperties" -> additionalProperties(value, schema);
                case "propertyNames" -> propertyNames(compile(value, false));
                case "minProperties" -> minSize(count(value, name), JsonNode::isObject);
                case "minItems" -> minSize(count(value, name), JsonNode::isArray);
                case "items" -> items(compile(value, false));
                case "allOf" -> all(subschemas(value, name));
                case "anyOf" -> any(subschemas(value, name));
                case "oneOf" -> one(subschemas(value, name));
                case "not" -> not(compile(value, false));
                case "if" -> conditional(compile(value, false), branch(schema, "then"), branch(schema, "else"));
                case "then", "else" -> null;
                case "$ref" -> ref(value);
                default -> throw new Unsupported("the keyword " + name);
            };
        }

        private Check properties(JsonNode value) {
            if (!value.isObject()) {
                throw new Unsupported("properties " + value);
            }
            Map<String, Check> each = new LinkedHashMap<>();
            value.fields().forEachRemaining(p -> each.put(p.getKey(), compile(p.getValue(), false)));
            return node -> !node.isObject() ? Verdict.VALID : every(each.entrySet().iterator(), property -> {
                JsonNode present = node.get(property.getKey());
                return present == null ? Verdict.VALID : property.getValue().test(present);
            });
        }

        /** The properties the schema's {@code properties} does not name (there is no {@code patternProperties}). */
        private Check additionalProperties(JsonNode value, JsonNode schema) {
            Set<String> named = new HashSet<>();
            schema.path("properties").fieldNames().forEachRemaining(named::add);
            Check each = compile(value, false);
            return node -> !node.isObject() ? Verdict.VALID : every(node.fields(),
                    property -> named.contains(property.getKey()) ? Verdict.VALID : each.test(property.getValue()));
        }

        private Check branch(JsonNode schema, String name) {
            JsonNode branch = schema.get(name);
            return branch == null ? null : compile(branch, false);
        }

        private List<Check> subschemas(JsonNode value, String name) {
            if (!value.isArray() || value.isEmpty()) {
                throw new Unsupported(name + " that is not a non-empty array");
            }
            List<Check> checks = new ArrayList<>();
            value.forEach(schema -> checks.add(compile(schema, false)));
            return checks;
        }

        private static int count(JsonNode value, String name) {
            if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.intValue() < 0) {
                throw new Unsupported(name + " " + value);
            }
            return value.intValue();
        }

        /** Local references into {@code $defs} (or the root), resolved lazily so that a schema may refer to itself. */
        private Check ref(JsonNode value) {
            String ref = value.asText();
            Check[] target = refs.get(ref);
            if (target == null) {
                target = new Check[1];
                refs.put(ref, target);
                JsonNode schema;
                if (ref.equals("#")) {
                    schema = root;
                } else if (ref.startsWith("#/$defs/") && ref.indexOf('/', 8) < 0 && ref.indexOf('~') < 0
                        && ref.indexOf('%') < 0) {
                    schema = root.path("$defs").get(ref.substring(8));
                } else {
                    throw new Unsupported("the reference " + ref);
                }
                if (schema == null) {
                    throw new Unsupported("the reference " + ref + " to nothing");
                }
                target[0] = compile(schema, schema == root);
            }
            Check[] resolved = target;
            return node -> resolved[0].test(node);
        }
    }

    private static Check type(JsonNode value) {
        List<Check> types = new ArrayList<>();
        if (value.isTextual()) {
            types.add(type(value.textValue()));
        } else if (value.isArray() && !value.isEmpty()) {
            value.forEach(t -> types.add(type(t.asText(null))));
        } else {
            throw new Unsupported("type " + value);
        }
        return types.size() == 1 ? types.get(0) : any(types);
    }

    private static Check type(String name) {
        if (name == null) {
            throw new Unsupported("a type that is not a string");
        }
        return switch (name) {
            case "object" -> node -> Verdict.of(node.isObject());
            case "array" -> node -> Verdict.of(node.isArray());
            case "string" -> node -> Verdict.of(node.isTextual());
            case "boolean" -> node -> Verdict.of(node.isBoolean());
            case "null" -> node -> Verdict.of(node.isNull());
            case "number" -> node -> Verdict.of(node.isNumber());
            // 1.0 is an integer to JSON Schema, and whether a validator agrees depends on its settings
            case "integer" -> node -> node.isIntegralNumber() ? Verdict.VALID
                    : node.isNumber() ? Verdict.UNSURE : Verdict.INVALID;
            default -> throw new Unsupported("type " + name);
        };
    }

    /**
     * JSON equality where it is plain. Two numbers (1 against 1.0) and two arrays or two objects (which may hold such
     * numbers) that Jackson finds unequal are left unsure; values of different kinds are never equal.
     */
    static Verdict equal(JsonNode expected, JsonNode node) {
        if (expected.equals(node)) {
            return Verdict.VALID;
        }
        if (expected.isNumber() && node.isNumber()
                || expected.getNodeType() == node.getNodeType() && expected.isContainerNode()) {
            return Verdict.UNSURE;
        }
        return Verdict.INVALID;
    }

    private static Check enumeration(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            throw new Unsupported("enum " + values);
        }
        List<Check> each = new ArrayList<>();
        values.forEach(value -> each.add(node -> equal(value, node)));
        return any(each);
    }

    /** In code points; a string with fewer code points than chars is unsure between the two counts. */
    private static Check minLength(int minimum) {
        return node -> {
            if (!node.isTextual()) {
                return Verdict.VALID;
            }
            String text = node.textValue();
            if (text.length() < minimum) {
                return Verdict.INVALID; // never more code points than chars
            }
            return text.codePointCount(0, text.length()) >= minimum ? Verdict.VALID : Verdict.UNSURE;
        };
    }

    /**
     * Patterns of plain characters, classes, groups, quantifiers, anchors and escaped punctuation, which JDK and
     * ECMAScript regular expressions read alike; a string holding a line terminator is unsure (where {@code $} may
     * match differs).
     */
    private static Check pattern(JsonNode value) {
        String source = value.asText();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new Unsupported("the pattern " + source);
            }
            if (c == '\\') {
                char next = i + 1 < source.length() ? source.charAt(i + 1) : 'x';
                if (Character.isLetterOrDigit(next)) {
                    throw new Unsupported("the pattern " + source + " (\\" + next + ")");
                }
                i++;
            }
        }
        Pattern pattern = Pattern.compile(source);
        ThreadLocal<java.util.regex.Matcher> matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
        return node -> {
            if (!node.isTextual()) {
                return Verdict.VALID;
            }
            String text = node.textValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    return Verdict.UNSURE;
                }
            }
            return Verdict.of(matchers.get().reset(text).find());
        };
    }

    private static Check format(JsonNode value) {
        if (!"date-time".equals(value.asText(null))) {
            throw new Unsupported("format " + value);
        }
        return node -> !node.isTextual() ? Verdict.VALID
                : plainDateTime(node.textValue()) ? Verdict.VALID : Verdict.UNSURE;
    }

    /**
     * {@code YYYY-MM-DDThh:mm:ss[.f](Z|±hh:mm)} with a real date, no leap second, an offset within ±14 hours and
     * not {@code -00:00}: a date-time to RFC 3339 and to every parser networknt may use. Anything else is not judged.
     */
    static boolean plainDateTime(String text) {
        var m = PLAIN_DATE_TIME.matcher(text);
        if (!m.matches()) {
            return false;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (year < 1 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        if (Integer.parseInt(m.group(4)) > 23 || Integer.parseInt(m.group(5)) > 59
                || Integer.parseInt(m.group(6)) > 59) {
            return false;
        }
        if (m.group(9) != null) {
            int hours = Integer.parseInt(m.group(9));
            int minutes = Integer.parseInt(m.group(10));
            if (hours > 14 || minutes > 59 || text.endsWith("-00:00")) {
                return false;
            }
        }
        return true;
    }

    /** Exact for integers; any other number is left unsure (decimal against binary comparisons differ). */
    private static Check minimum(JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw new Unsupported("minimum " + value);
        }
        BigInteger minimum = value.bigIntegerValue();
        return node -> !node.isNumber() ? Verdict.VALID
                : node.isIntegralNumber() ? Verdict.of(node.bigIntegerValue().compareTo(minimum) >= 0)
                : Verdict.UNSURE;
    }

    private static Check required(JsonNode value) {
        List<String> names = new ArrayList<>();
        if (!value.isArray()) {
            throw new Unsupported("required " + value);
        }
        value.forEach(n -> {
            if (!n.isTextual()) {
                throw new Unsupported("required " + value);
            }
            names.add(n.textValue());
        });
        return node -> {
            if (!node.isObject()) {
                return Verdict.VALID;
            }
            for (String name : names) {
                if (!node.has(name)) {
                    return Verdict.INVALID;
                }
            }
            return Verdict.VALID;
        };
    }

    private static Check minSize(int minimum, java.util.function.Predicate<JsonNode> applies) {
        return node -> !applies.test(node) ? Verdict.VALID : Verdict.of(node.size() >= minimum);
    }

    private static Check items(Check each) {
        return node -> !node.isArray() ? Verdict.VALID : every(node.elements(), each::test);
    }

    private static Check propertyNames(Check each) {
        return node -> !node.isObject() ? Verdict.VALID
                : every(node.fieldNames(), name -> each.test(TextNode.valueOf(name)));
    }

    /** Every value's verdict together: invalid at the first invalid one, valid when all are. */
    private static <T> Verdict every(Iterator<T> values, Function<T, Verdict> test) {
        Verdict verdict = Verdict.VALID;
        while (values.hasNext()) {
            verdict = and(verdict, test.apply(values.next()));
            if (verdict == Verdict.INVALID) {
                return verdict;
            }
        }
        return verdict;
    }

    private static Verdict and(Verdict a, Verdict b) {
        return a == Verdict.INVALID || b == Verdict.INVALID ? Verdict.INVALID
                : a == Verdict.VALID && b == Verdict.VALID ? Verdict.VALID : Verdict.UNSURE;
    }

    private static Check all(List<Check> checks) {
        if (checks.isEmpty()) {
            return ALWAYS;
        }
        if (checks.size() == 1) {
            return checks.get(0);
        }
        List<Check> each = List.copyOf(checks);
        return node -> every(each.iterator(), check -> check.test(node));
    }

    private static Check any(List<Check> checks) {
        Check[] each = checks.toArray(Check[]::new);
        return node -> {
            Verdict verdict = Verdict.INVALID;
            for (Check check : each) {
                Verdict one = check.test(node);
                if (one == Verdict.VALID) {
                    return one;
                }
                if (one == Verdict.UNSURE) {
                    verdict = one;
                }
            }
            return verdict;
        };
    }

    /** Exactly one: sure only when no branch is unsure, or when two are surely valid. */
    private static Check one(List<Check> checks) {
        Check[] each = checks.toArray(Check[]::new);
        return node -> {
            int valid = 0;
            boolean unsure = false;
            for (Check check : each) {
                Verdict one = check.test(node);
                valid += one == Verdict.VALID ? 1 : 0;
                unsure |= one == Verdict.UNSURE;
            }
            return valid > 1 ? Verdict.INVALID : unsure ? Verdict.UNSURE : Verdict.of(valid == 1);
        };
    }

    private static Check not(Check check) {
        return node -> check.test(node).negated();
    }

    private static Check conditional(Check condition, Check then, Check otherwise) {
        Check yes = then == null ? ALWAYS : then;
        Check no = otherwise == null ? ALWAYS : otherwise;
        return node -> switch (condition.test(node)) {
            case VALID -> yes.test(node);
            case INVALID -> no.test(node);
            case UNSURE -> {
                Verdict a = yes.test(node);
                yield a != Verdict.UNSURE && a == no.test(node) ? a : Verdict.UNSURE;
            }
        };
    }
}
