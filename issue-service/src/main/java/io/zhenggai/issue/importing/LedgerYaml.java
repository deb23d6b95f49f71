package io.zhenggai.issue.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.zhenggai.issue.figures.Qualifier;
import io.zhenggai.issue.figures.Quantity;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a parse result as the reviewed, human-readable ledger (seeds/*.ledger.yaml): the same facts as the model, in
 * document order, with empty parts left out so that a reviewer reads the bulletin's structure and not the model's
 * nulls.
 */
public final class LedgerYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            // A ledger line per sentence is easier to review than lines folded at 80 columns.
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    private LedgerYaml() {
    }

    public static String write(ParseResult result) {
        try {
            return YAML.writeValueAsString(toMap(result));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> toMap(ParseResult result) {
        Bulletin b = result.bulletin();
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> document = new LinkedHashMap<>();
        put(document, "title", b.title());
        put(document, "issuingUnit", b.issuingUnit());
        InspectionHeader i = b.inspection();
        Map<String, Object> inspection = new LinkedHashMap<>();
        put(inspection, "team", i.team());
        put(inspection, "targetUnit", i.targetUnit());
        put(inspection, "kinds", i.kinds().stream().map(Enum::name).sorted().toList());
        put(inspection, "specialTheme", i.specialTheme());
        put(inspection, "onSiteFrom", i.onSiteFrom());
        put(inspection, "onSiteTo", i.onSiteTo());
        put(inspection, "feedbackDate", i.feedbackDate());
        put(inspection, "round", i.round());
        if (i.recheck()) {
            inspection.put("recheck", true);
        }
        document.put("inspection", inspection);
        DeclaredTotals d = b.declared();
        Map<String, Object> declared = new LinkedHashMap<>();
        put(declared, "aspects", d.aspects());
        put(declared, "categories", d.categories());
        put(declared, "issues", d.issues());
        put(declared, "suggestions", d.suggestions());
        put(declared, "sentence", d.sentence());
        put(declared, "measures", d.measures());
        put(declared, "measuresSentence", d.measuresSentence());
        put(document, "declared", declared);
        put(document, "signatory", b.signatory());
        put(document, "reportDate", b.reportDate());
        root.put("document", document);

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("aspects", result.aspectCount());
        counts.put("categories", result.categoryCount());
        counts.put("issues", result.issueCount());
        counts.put("readings", result.readingCount());
        root.put("counts", counts);

        List<Object> lists = new ArrayList<>();
        for (int k = 0; k < b.lists().size(); k++) {
            FeedbackList list = b.lists().get(k);
            ListCounts c = result.lists().get(k);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("key", list.key());
            l.put("kind", list.kind().name());
            put(l, "title", list.title());
            put(l, "theme", list.theme());
            Map<String, Object> listCounts = new LinkedHashMap<>();
            listCounts.put("aspects", c.aspectCount());
            listCounts.put("categories", c.categoryCount());
            listCounts.put("issues", c.issueCount());
            listCounts.put("readings", c.readingCount());
            l.put("counts", listCounts);
            List<Object> aspects = new ArrayList<>();
            for (Aspect a : list.aspects()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("path", a.path());
                am.put("title", a.title());
                List<Object> groups = new ArrayList<>();
                for (CategoryGroup g : a.groups()) {
                    List<Object> categories = new ArrayList<>(g.categories().stream().map(cat -> category(cat, b.reportDate())).toList());
                    if (g.title() == null) {
                        groups.addAll(categories);
                    } else {
                        Map<String, Object> gm = new LinkedHashMap<>();
                        gm.put("group", g.title());
                        gm.put("categories", categories);
                        groups.add(gm);
                    }
                }
                am.put("categories", groups);
                aspects.add(am);
            }
            l.put("aspects", aspects);
            lists.add(l);
        }
        root.put("lists", lists);

        List<Object> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("kind", f.kind().name());
            fm.put("message", f.message());
            fm.put("messageEn", f.messageEn());
            Map<String, Object> loc = new LinkedHashMap<>();
            put(loc, "list", f.location().list());
            put(loc, "path", f.location().path());
            put(loc, "sentence", f.location().sentence());
            fm.put("location", loc);
            findings.add(fm);
        }
        root.put("findings", findings);
        return root;
    }

    private static Map<String, Object> category(Category c, java.time.LocalDate reportDate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.path());
        m.put("title", c.title());
        put(m, "description", c.description());
        if (c.selfIssue()) {
            m.put("selfIssue", true);
            m.putAll(issueBody(c.issues().get(0), reportDate));
        } else {
            m.put("issues", c.issues().stream().map(i -> issue(i, reportDate)).toList());
        }
        return m;
    }

    private static Map<String, Object> issue(Issue i, java.time.LocalDate reportDate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", i.path());
        m.put("title", i.title());
        put(m, "description", i.description());
        m.putAll(issueBody(i, reportDate));
        return m;
    }

    private static Map<String, Object> issueBody(Issue i, java.time.LocalDate reportDate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", i.status().name());
        put(m, "statusLabel", i.statusLabel());
        put(m, "progressLabel", i.progressLabel());
        if (i.responsibility() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            put(r, "leadLeader", i.responsibility().leadLeader());
            put(r, "responsibleUnits", i.responsibility().responsibleUnits());
            put(r, "deadline", i.responsibility().deadline());
            m.put("responsibility", r);
        }
        List<Object> measures = new ArrayList<>();
        for (Measure measure : i.measures()) {
            measures.add(measure.marker() == null ? measure.text() : measure.marker() + " " + measure.text());
        }
        put(m, "measures", measures);
        List<Object> readings = new ArrayList<>();
        for (Reading r : i.readings()) {
            readings.add(reading(r, reportDate));
        }
        put(m, "readings", readings);
        return m;
    }

    /**
     * One reading on one line, so that a reviewer can scan a list of them:
     * {@code 已开工9个 → 9 个 | project.started「已开工」 | industry=风电装备} with, where they apply, the qualifier, FORECAST,
     * CHANGE, the as-of date when it is not the report date, and the rate's parts ({@code rate 9个/17个}, or
     * {@code rate stated}).
     */
    static String reading(Reading r, java.time.LocalDate reportDate) {
        Quantity q = r.quantity();
        StringBuilder sb = new StringBuilder();
        sb.append(r.text()).append(" → ").append(q.value() == null ? "?" : q.value().toPlainString()).append(' ').append(q.unit());
        if (q.qualifier() != Qualifier.EXACT) {
            sb.append(' ').append(q.qualifier());
        }
        if (q.forecast()) {
            sb.append(" FORECAST");
        }
        if (q.change()) {
            sb.append(" CHANGE");
        }
        sb.append(" | ").append(r.metric()).append('「').append(r.phrase()).append('」');
        if (!r.dimensions().isEmpty()) {
            sb.append(" | ");
            sb.append(String.join(", ", r.dimensions().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (r.asOf() != null && !r.asOf().equals(reportDate)) {
            sb.append(" | asOf ").append(r.asOf());
        }
        if (r.rate() != null) {
            RateParts p = r.rate();
            if (p.stated()) {
                sb.append(" | rate stated");
            } else {
                sb.append(" | rate ").append(p.numerator()).append('/')
                        .append(p.denominator() != null ? p.denominator() : "(" + p.numerator() + "+" + p.complement() + ")");
                if (p.denominator() != null && p.complement() != null) {
                    sb.append(" (未完成 ").append(p.complement()).append(')');
                }
            }
        }
        return sb.toString();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value == null || value instanceof String s && s.isEmpty() || value instanceof List<?> l && l.isEmpty()
                || value instanceof Map<?, ?> mm && mm.isEmpty()) {
            return;
        }
        map.put(key, value instanceof java.time.LocalDate date ? date.toString() : value);
    }
}
