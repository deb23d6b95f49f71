package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule of the metric catalogue that reads one dimension (维度) from the words around a reading: 新材料产业 →
 * industry=新材料, 2021年耕地保护督察 → batch=2021耕地保护督察, 方圆公司 → entity=方圆公司.
 *
 * <p>Either a list of values (each, if {@code followedBy} is given, only when one of those words follows it), or a
 * pattern with a value template ({1} a group as printed, {1#} a Chinese numeral group as digits).
 */
final class DimensionRule {

    private static final Pattern TEMPLATE_GROUP = Pattern.compile("\\{(\\d)(#?)}");

    private final String key;
    /** The values by their first character, each list longest first: what {@link #find} tries at a position. */
    private final Map<Character, List<String>> valuesByFirst;
    private final List<String> followedBy;
    private final Pattern pattern;
    private final String template;
    private final boolean carry;
    private final List<String> blockedBy;

    DimensionRule(String key, List<String> values, List<String> followedBy, String pattern, String template, boolean carry,
                  List<String> blockedBy) {
        this.key = key;
        this.carry = carry;
        this.blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
        // The longest value first, so that 海上风电装备制造 wins over 风电装备.
        List<String> sorted = new ArrayList<>(values == null ? List.of() : values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        Map<Character, List<String>> byFirst = new HashMap<>();
        for (String value : sorted) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("dimension " + key + ": an empty value");
            }
            byFirst.computeIfAbsent(value.charAt(0), c -> new ArrayList<>()).add(value);
        }
        byFirst.replaceAll((c, list) -> List.copyOf(list));
        this.valuesByFirst = Map.copyOf(byFirst);
        this.followedBy = followedBy == null ? List.of() : List.copyOf(followedBy);
        this.pattern = pattern == null ? null : Pattern.compile(pattern);
        this.template = template;
        if ((this.pattern == null) == sorted.isEmpty()) {
            throw new IllegalArgumentException("dimension " + key + ": give either values or a pattern");
        }
    }

    String key() {
        return key;
    }

    /**
     * Whether a value found in an earlier clause of the segment applies to a later clause: not for rules that do not
     * carry, nor into a clause holding one of the rule's blocking words.
     */
    boolean carriesInto(String clause) {
        return carry && blockedBy.stream().noneMatch(clause::contains);
    }

    /** The value this rule reads in {@code text}, the last one if several (the nearest to a reading after it). */
    Optional<Found> find(String text) {
        Found last = null;
        if (pattern != null) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                last = new Found(render(m), m.start());
            }
            return Optional.ofNullable(last);
        }
        for (int at = 0; at < text.length(); at++) {
            List<String> candidates = valuesByFirst.get(text.charAt(at));
            if (candidates == null) {
                continue;
            }
            for (String value : candidates) {
                if (text.startsWith(value, at) && followed(text, at + value.length())) {
                    last = new Found(value, at);
                    at += value.length() - 1;
                    break;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private boolean followed(String text, int at) {
        if (followedBy.isEmpty()) {
            return true;
        }
        return followedBy.stream().anyMatch(w -> text.startsWith(w, at));
    }

    private String render(Matcher m) {
        Matcher g = TEMPLATE_GROUP.matcher(template);
        StringBuilder out = new StringBuilder();
        while (g.find()) {
            String group = m.group(Integer.parseInt(g.group(1)));
            String value = group == null ? "" : g.group(2).isEmpty() ? group
                    : String.valueOf(NumeralText.parseOr(group, 0));
            g.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        g.appendTail(out);
        return out.toString();
    }

    /** A value and where it was found. */
    record Found(String value, int at) {
    }
}
