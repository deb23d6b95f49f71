package io.zhenggai.report.projection;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhenggai.report.intake.RectificationEvent;
import io.zhenggai.report.intake.RectificationEvent.ContractViolation;

/**
 * The data of an issue event (问题), decoded once: the issue's snapshot after the change, which every issue event
 * carries, and what the event adds (a status change, a progress report with readings, a correction of an earlier
 * report). Every other issue event type (交办, 签收, 延期, 批示, evidence, and types this service does not know yet)
 * changes the issue through its snapshot alone. Decoding is pure, so that data the schema admits but that cannot be
 * applied is found before any write and dead-lettered.
 *
 * @param report     the report the event carries: a progress report's, or a correction's replacement (null when
 *                   withdrawn)
 * @param correction for {@value #PROGRESS_CORRECTED}: which report it corrects or withdraws
 * @param plannedMeasures for {@value #CREATED}: the measures planned when the issue was entered; empty otherwise
 */
public record IssueEvent(String type, Snapshot issue, StatusChange change, Report report, Correction correction,
                         List<String> plannedMeasures) {

    public static final String CREATED = "zhenggai.issue.created.v1";
    public static final String PROGRESS_REPORTED = "zhenggai.issue.progress-reported.v1";
    public static final String STATUS_CHANGED = "zhenggai.issue.status-changed.v1";
    public static final String REOPENED = "zhenggai.issue.reopened.v1";
    public static final String UPDATED = "zhenggai.issue.updated.v1";
    public static final String PROGRESS_CORRECTED = "zhenggai.issue.progress-corrected.v1";

    public static boolean isIssueEvent(RectificationEvent event) {
        return "issue".equals(event.aggregateType()) && event.type().startsWith("zhenggai.issue.");
    }

    /**
     * The event's data, decoded once per event (kept with it: the check when it is read and both projections that
     * apply it share it).
     *
     * @throws ContractViolation when the data cannot be applied
     */
    public static IssueEvent of(RectificationEvent event) {
        return event.decoded().get(IssueEvent.class, () -> decode(event));
    }

    private static IssueEvent decode(RectificationEvent event) {
        JsonNode data = event.data();
        Snapshot issue = snapshot(data.path("issue"));
        if (!issue.id().equals(event.aggregateId())) {
            throw new ContractViolation("data.issue.id " + issue.id() + " is not the aggregate " + event.aggregateId());
        }
        if (issue.sequence() != event.sequence()) {
            throw new ContractViolation("data.issue.sequence " + issue.sequence() + " is not the event's sequence "
                    + event.sequence());
        }
        JsonNode change = data.hasNonNull("change") ? data.get("change") : data.path("statusChange");
        StatusChange statusChange = change.isObject() ? statusChange(change) : null;
        if (PROGRESS_CORRECTED.equals(event.type())) {
            JsonNode correction = data.path("correction");
            Report replacement = correction.path("report").isObject() ? report(correction.get("report")) : null;
            String kind = text(correction, "kind");
            if (!"WITHDRAWN".equals(kind) && replacement == null) {
                throw new ContractViolation("correction.report is missing: only a WITHDRAWN report has none");
            }
            return new IssueEvent(event.type(), issue, statusChange, "WITHDRAWN".equals(kind) ? null : replacement,
                    new Correction(uuid(correction, "reportId"), kind), List.of());
        }
        return new IssueEvent(event.type(), issue, statusChange,
                data.path("report").isObject() ? report(data.get("report")) : null, null,
                CREATED.equals(event.type()) ? texts(data.path("measures")) : List.of());
    }

    /**
     * The issue as the ledger holds it after the event, with its place in the feedback tree spelled out, and the
     * workflow's part (absent on events written before it: no lead unit, no assignment, counts 0).
     *
     * @param assignmentState  交办/签收: ASSIGNED (not signed yet), SIGNED, or null when never assigned
     * @param originalDeadline the first assigned deadline; stays when extensions move {@code deadline}
     * @param extensionCount   approved extensions (延期)
     * @param returnedCount    how often a completion was returned (退回)
     * @param awaitingDecision COMPLETION, EXTENSION, or null
     * @param description      what the feedback said of the problem beyond its title, or null
     */
    public record Snapshot(UUID id, UUID inspectionId, String listKey, Node aspect, String groupTitle, Node category,
                           String path, String numbering, int ordinal, String title, List<String> leadLeaders,
                           List<String> responsibleUnits, List<String> tags, LocalDate deadline, IssueStatus status,
                           String statusLabel, LocalDate lastProgressDate, long sequence, String leadUnit,
                           String assignmentState, LocalDate originalDeadline, int extensionCount, int returnedCount,
                           String awaitingDecision, String description) {

        /** The workflow's state, as an issue's effective timeline keeps it. */
        public IssueTimeline.Workflow workflow() {
            return new IssueTimeline.Workflow(assignmentState, awaitingDecision, extensionCount, returnedCount);
        }
    }

    /** 更正/撤回: the report {@code reportId} is CORRECTED (by the event's report) or WITHDRAWN. */
    public record Correction(UUID reportId, String kind) {
    }

    /** A node of the feedback tree: 方面 or 类. */
    public record Node(String path, String numbering, String title) {
    }

    public record StatusChange(IssueStatus from, IssueStatus to, String transition, String reason) {
    }

    /**
     * 整改成效/进展: a dated progress report, its words and its figures.
     *
     * @param statusLabel the status words that came with it, or null
     * @param warnings    the consistency findings issue-service's checks made on its text; null when the event
     *                    carried none (written before the findings travelled with the report)
     */
    public record Report(UUID id, LocalDate asOf, List<Reading> readings, String text, List<String> measures,
                         String statusLabel, List<Warning> warnings) {
    }

    /** A consistency finding on a report's text: RATE_MISMATCH, COUNT_MISMATCH, UNIT_SUSPECT … and what is wrong. */
    public record Warning(String kind, String message) {
    }

    /**
     * 数据: one figure as issue-service parsed it, in base units. {@code value} is null for 若干 (no number).
     */
    public record Reading(String metric, Map<String, String> dimensions, BigDecimal value, String unit, String kind,
                          String qualifier, boolean forecast, boolean change, BigDecimal statedValue,
                          String statedUnit, String display, String sourceText, JsonNode parts) {
    }

    private static Snapshot snapshot(JsonNode issue) {
        return new Snapshot(uuid(issue, "id"), uuid(issue, "inspectionId"), text(issue, "listKey"),
                node(issue.path("aspect")), optionalText(issue, "groupTitle"), node(issue.path("category")),
                text(issue, "path"), optionalText(issue, "numbering"), issue.path("ordinal").asInt(),
                text(issue, "title"), distinct(issue.path("leadLeaders")), distinct(issue.path("responsibleUnits")),
                distinct(issue.path("tags")), date(issue, "deadline"), status(issue.path("status")),
                optionalText(issue, "statusLabel"), date(issue, "lastProgressDate"), issue.path("sequence").asLong(),
                optionalText(issue, "leadUnit"), oneOf(issue.path("assignment"), "state", ASSIGNMENT_STATES),
                date(issue, "originalDeadline"), count(issue, "extensionCount"), count(issue, "returnedCount"),
                oneOf(issue, "awaitingDecision", AWAITING), optionalText(issue, "description"));
    }

    private static final Set<String> ASSIGNMENT_STATES = Set.of("ASSIGNED", "SIGNED");
    private static final Set<String> AWAITING = Set.of("COMPLETION", "EXTENSION");

    /** One of {@code allowed}, or null when absent (an event written before the workflow existed). */
    private static String oneOf(JsonNode node, String field, Set<String> allowed) {
        String value = optionalText(node, field);
        if (value != null && !allowed.contains(value)) {
            throw new ContractViolation(field + " " + value + " is not one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    /** A count the workflow keeps, 0 when absent. */
    private static int count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || value.asInt() < 0) {
            throw new ContractViolation(field + " " + value + " is not a count");
        }
        return value.asInt();
    }

    private static Node node(JsonNode node) {
        return new Node(text(node, "path"), optionalText(node, "numbering"), text(node, "title"));
    }

    private static StatusChange statusChange(JsonNode change) {
        return new StatusChange(status(change.path("from")), status(change.path("to")),
                text(change, "transition"), optionalText(change, "reason"));
    }

    private static Report report(JsonNode report) {
        List<Reading> readings = new ArrayList<>();
        for (JsonNode reading : report.path("readings")) {
            Map<String, String> dimensions = new TreeMap<>();
            reading.path("dimensions").fields().forEachRemaining(e -> dimensions.put(e.getKey(), e.getValue().asText()));
            readings.add(new Reading(text(reading, "metric"), dimensions, decimal(reading, "value"),
                    text(reading, "unit"), text(reading, "kind"), text(reading, "qualifier"),
                    reading.path("forecast").asBoolean(), reading.path("change").asBoolean(),
                    decimal(reading, "statedValue"), optionalText(reading, "statedUnit"),
                    optionalText(reading, "display"), optionalText(reading, "sourceText"),
                    reading.hasNonNull("parts") ? reading.get("parts") : null));
        }
        List<Warning> warnings = null;
        if (report.path("warnings").isArray()) {
            warnings = new ArrayList<>();
            for (JsonNode warning : report.get("warnings")) {
                warnings.add(new Warning(text(warning, "kind"), text(warning, "message")));
            }
            warnings = List.copyOf(warnings);
        }
        JsonNode text = report.get("text");
        return new Report(uuid(report, "id"), date(report, "asOf"), List.copyOf(readings),
                text == null || text.isNull() ? "" : text.asText(), texts(report.path("measures")),
                optionalText(report, "statusLabel"), warnings);
    }

    /** The texts of an array, in order (empty when absent). */
    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private static IssueStatus status(JsonNode value) {
        try {
            return IssueStatus.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("unknown status " + value.asText());
        }
    }

    private static List<String> distinct(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText().strip()));
        values.remove("");
        return List.copyOf(values);
    }

    private static String text(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new ContractViolation(field + " is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        try {
            return UUID.fromString(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(field + " is not a UUID");
        }
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = optionalText(node, field);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new ContractViolation(field + " " + value + " is not a date");
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new ContractViolation(field + " is not a number");
        }
        return value.decimalValue();
    }
}
