package io.zhenggai.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Contract-valid events, shaped as issue-service emits them (CloudEvents 1.0, structured JSON; see
 * issue-service's journal/CloudEvents and ledger/IssueEvents), for scripting a ledger in tests without issue-service.
 * {@code EventContractTest} checks every kind against the contract file, so a test never waits for an event the
 * intake dead-lettered.
 */
public final class Events {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final AtomicLong POSITION = new AtomicLong(System.currentTimeMillis());

    private Events() {
    }

    /** The next journal position: unique and increasing, as issue-service's journal gives them. */
    public static long nextPosition() {
        return POSITION.incrementAndGet();
    }

    /** A record to send: the key (the aggregate id) and the value (the event). */
    public record Record(String key, String value, UUID eventId) {
    }

    /** An inspection (巡察) with a main list and an attachment (附件), like the seed's. */
    public static final class Inspection {
        public final UUID id = UUID.randomUUID();
        public final String targetUnit = "东营经济技术开发区党工委-" + id.toString().substring(0, 8);
        public final LocalDate feedbackDate;
        private int ordinal;
        private String team = "市委第五巡察组";
        private ArrayNode tree;
        private LocalDate onSiteFrom;
        private LocalDate onSiteTo;
        private ObjectNode declared;

        public Inspection() {
            this(LocalDate.parse("2022-12-07"));
        }

        public Inspection(LocalDate feedbackDate) {
            this.feedbackDate = feedbackDate;
        }

        /**
         * The feedback lists as the created event carries them (JSON array of {key, title, theme, aspects: [{numbering,
         * title, path, groups: [{title, path, categories}], categories: [{numbering, title, path}]}]}), instead of the
         * default one aspect and an empty attachment; with the on-site period and the declared totals.
         */
        public Inspection tree(String lists, LocalDate onSiteFrom, LocalDate onSiteTo, Map<String, Integer> declared) {
            try {
                this.tree = (ArrayNode) JSON.readTree(lists);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
            this.onSiteFrom = onSiteFrom;
            this.onSiteTo = onSiteTo;
            this.declared = JSON.createObjectNode();
            declared.forEach(this.declared::put);
            return this;
        }

        public Record created() {
            ObjectNode data = JSON.createObjectNode();
            data.put("id", id.toString());
            data.put("team", team);
            data.put("targetUnit", targetUnit);
            data.putArray("kinds").add("ROUTINE").add("SPECIAL");
            data.put("specialTheme", "黄河流域生态保护和高质量发展");
            data.put("feedbackDate", feedbackDate.toString());
            if (onSiteFrom != null) {
                data.put("onSiteFrom", onSiteFrom.toString());
                data.put("onSiteTo", onSiteTo.toString());
            }
            if (declared != null) {
                data.set("declared", declared);
            } else {
                data.putObject("declared").put("aspects", 4).put("categories", 16).put("suggestions", 4);
            }
            if (tree != null) {
                data.set("lists", tree);
                data.put("sequence", 1);
                return envelope("zhenggai.inspection.created.v1", "inspection", id, 1, null, data);
            }
            ArrayNode lists = data.putArray("lists");
            ObjectNode main = lists.addObject().put("key", "main").put("title", "市委巡察组反馈意见");
            ObjectNode aspect = main.putArray("aspects").addObject().put("numbering", "（一）")
                    .put("title", "关于聚焦党中央各项决策部署在基层的落实情况方面").put("path", "一");
            aspect.putArray("groups");
            aspect.putArray("categories").addObject().put("path", "一/1").put("numbering", "1.")
                    .put("title", "推动高质量发展不够有力");
            ObjectNode attachment = lists.addObject().put("key", "yellow-river").put("title", "附件")
                    .put("theme", "黄河流域生态保护和高质量发展");
            attachment.putArray("aspects");
            data.put("sequence", 1);
            return envelope("zhenggai.inspection.created.v1", "inspection", id, 1, null, data);
        }

        /** The created event, recorded at {@code recorded}. */
        public Record created(Instant recorded) {
            return at(recorded, this::created);
        }

        /** An issue of this inspection under aspect 一 (or 二) and category n, in bulletin order. */
        public Issue issue(String list, String aspectPath, int category, String title) {
            return new Issue(this, list, aspectPath, category, ++ordinal, title);
        }
    }

    /** One issue (问题): its state, and the events that change it, numbered 1, 2, 3 … */
    public static final class Issue {
        public final UUID id = UUID.randomUUID();
        private final Inspection inspection;
        private final String list;
        private final String aspectPath;
        private final String categoryPath;
        private final int ordinal;
        private final String title;
        private String aspectNumbering;
        private String categoryNumbering;
        private String issuePath;
        private String issueNumbering;
        private String description;
        private List<String> plannedMeasures = List.of("一是…");
        private String statusLabel;
        private List<String> leaders = List.of();
        private List<String> units = List.of();
        private List<String> tags = List.of();
        private LocalDate deadline;
        private String groupTitle;
        private String status = "NOT_STARTED";
        private LocalDate lastProgress;
        private long sequence;
        /** The reports in force (not withdrawn) and their as-of dates: the last progress date is the latest. */
        private final Map<UUID, LocalDate> reports = new java.util.LinkedHashMap<>();
        private UUID lastReport;
        // the workflow's part of the snapshot, written once the issue was assigned (or workflow() asked for it)
        private boolean workflow;
        private String leadUnit;
        private String assignmentState;
        private Instant assignedAt;
        private Instant signedAt;
        private String signedBy;
        private LocalDate originalDeadline;
        private int extensionCount;
        private int returnedCount;
        private String awaitingDecision;
        private UUID pendingExtension;
        private LocalDate requestedDeadline;

        Issue(Inspection inspection, String list, String aspectPath, int category, int ordinal, String title) {
            this.inspection = inspection;
            this.list = list;
            this.aspectPath = aspectPath;
            this.categoryPath = aspectPath + "/" + category;
            this.ordinal = ordinal;
            this.title = title;
        }

        /**
         * Its place as published: the aspect's and category's numbering ((一), 1.), and its own numbering ((2), or
         * null for a category that is itself the issue, whose path is then the category's).
         */
        public Issue place(String aspectNumbering, String categoryNumbering, String issueNumbering) {
            this.aspectNumbering = aspectNumbering;
            this.categoryNumbering = categoryNumbering;
            this.issueNumbering = issueNumbering;
            this.issuePath = issueNumbering == null ? categoryPath
                    : categoryPath + "/" + issueNumbering.replaceAll("[()（）.、]", "");
            return this;
        }

        /** What the feedback said of the problem beyond its title, and the measures planned when it was entered. */
        public Issue text(String description, List<String> plannedMeasures) {
            this.description = description;
            this.plannedMeasures = List.copyOf(plannedMeasures);
            return this;
        }

        public Issue responsibility(List<String> leaders, List<String> units, List<String> tags) {
            this.leaders = List.copyOf(leaders);
            this.units = List.copyOf(units);
            this.tags = List.copyOf(tags);
            return this;
        }

        public Issue deadline(LocalDate deadline) {
            this.deadline = deadline;
            return this;
        }

        /** The bulletin's own status words (基本完成 …) that the next events' snapshots carry. */
        public Issue statusLabel(String label) {
            this.statusLabel = label;
            return this;
        }

        /** Places the issue under a group of its aspect (一是…, 二是…), as some bulletins number them. */
        public Issue group(String title) {
            this.groupTitle = title;
            return this;
        }

        public long sequence() {
            return sequence;
        }

        /** The lead leaders the next snapshot carries (as given: repeats and all). */
        public List<String> leaders() {
            return leaders;
        }

        /** The responsible units the next snapshot carries (as given). */
        public List<String> units() {
            return units;
        }

        /** The tags the next snapshot carries (as given). */
        public List<String> tags() {
            return tags;
        }

        /** The current deadline, or null. */
        public LocalDate deadline() {
            return deadline;
        }

        public Record created() {
            return created(null);
        }

        /**
         * Created, taking effect on {@code effective}: issue-service now gives the inspection's feedback date (an
         * issue stands in the ledger from then, whenever it was entered); {@link #created()} gives none, as before.
         */
        public Record created(LocalDate effective) {
            sequence = 1;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            ArrayNode measures = data.putArray("measures");
            plannedMeasures.forEach(measures::add);
            return envelope("zhenggai.issue.created.v1", "issue", id, sequence, effective, data);
        }

        /** The inspection's feedback date, as issue-service gives it to a created event. */
        public LocalDate feedbackDate() {
            return inspection.feedbackDate;
        }

        /** The id of the last progress report (or correction's replacement) this issue sent. */
        public UUID lastReport() {
            return lastReport;
        }

        /** 整改进展 dated {@code asOf} with these readings; the first report starts a NOT_STARTED issue. */
        public Record progress(LocalDate asOf, ObjectNode... readings) {
            sequence++;
            String before = status;
            if ("NOT_STARTED".equals(status)) {
                status = "IN_PROGRESS";
            }
            ObjectNode report = report(asOf, readings); // first: the snapshot carries its date
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.set("report", report);
            if (!before.equals(status)) {
                data.set("statusChange", change(before, status, "START", "first progress report"));
            } else {
                data.putNull("statusChange");
            }
            return envelope("zhenggai.issue.progress-reported.v1", "issue", id, sequence, asOf, data);
        }

        /** 整改进展 dated {@code asOf} with its text, the measures it adds, and these readings. */
        public Record progress(LocalDate asOf, String text, List<String> measures, ObjectNode... readings) {
            return progress(asOf, text, measures, null, null, readings);
        }

        /**
         * 整改进展 dated {@code asOf} in words: its text, measures and status label, and the consistency findings
         * issue-service made on it ({@code warnings} kind → message; null for an event written before they travelled
         * with the report), with these readings.
         */
        public Record progress(LocalDate asOf, String text, List<String> measures, String label,
                               Map<String, String> warnings, ObjectNode... readings) {
            if (label != null) {
                statusLabel = label;
            }
            Record record = progress(asOf, readings);
            try {
                ObjectNode event = (ObjectNode) JSON.readTree(record.value());
                ObjectNode report = (ObjectNode) event.path("data").path("report");
                report.put("text", text);
                ArrayNode list = report.putArray("measures");
                measures.forEach(list::add);
                report.put("statusLabel", statusLabel);
                if (warnings != null) {
                    ArrayNode found = report.putArray("warnings");
                    warnings.forEach((kind, message) -> found.addObject().put("kind", kind).put("message", message));
                }
                return new Record(record.key(), JSON.writeValueAsString(event), record.eventId());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A report dated {@code asOf}, now in force; the last progress date follows. */
        private ObjectNode report(LocalDate asOf, ObjectNode... readings) {
            lastReport = UUID.randomUUID();
            reports.put(lastReport, asOf);
            lastProgress = reports.values().stream().max(LocalDate::compareTo).orElse(null);
            ObjectNode report = JSON.createObjectNode();
            report.put("id", lastReport.toString());
            report.put("asOf", asOf.toString());
            report.put("text", "整改成效: …");
            report.putArray("measures");
            ArrayNode list = report.putArray("readings");
            for (ObjectNode reading : readings) {
                list.add(reading);
            }
            report.putNull("statusLabel");
            return report;
        }

        /**
         * 更正: the report {@code reportId} replaced by one of the same as-of date with these readings, taking effect on
         * that date.
         */
        public Record correct(UUID reportId, ObjectNode... readings) {
            LocalDate asOf = reportAsOf(reportId);
            reports.remove(reportId);
            sequence++;
            ObjectNode replacement = report(asOf, readings);
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("correction").put("reportId", reportId.toString()).put("kind", "CORRECTED")
                    .put("reason", "数据填报有误").set("report", replacement);
            return envelope("zhenggai.issue.progress-corrected.v1", "issue", id, sequence, asOf, data);
        }

        /** 撤回: the report {@code reportId} withdrawn, taking effect on its as-of date. */
        public Record withdraw(UUID reportId) {
            LocalDate asOf = reportAsOf(reportId);
            reports.remove(reportId);
            lastProgress = reports.values().stream().max(LocalDate::compareTo).orElse(null);
            sequence++;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("correction").put("reportId", reportId.toString()).put("kind", "WITHDRAWN")
                    .put("reason", "重复报送").putNull("report");
            return envelope("zhenggai.issue.progress-corrected.v1", "issue", id, sequence, asOf, data);
        }

        private LocalDate reportAsOf(UUID reportId) {
            LocalDate asOf = reports.get(reportId);
            if (asOf == null) {
                throw new IllegalArgumentException("no report " + reportId + " in force");
            }
            return asOf;
        }

        /** Writes the workflow's part of the snapshot from now on (issue-service does on every event it writes). */
        public Issue workflow() {
            this.workflow = true;
            return this;
        }

        /**
         * 交办 to {@code lead} (and {@code coUnits}) with a deadline, effective on {@code effective}: the responsible
         * units become lead + co-units, the signature is reset, the first deadline assigned stays the original one.
         */
        public Record assign(String lead, List<String> coUnits, List<String> leaders, LocalDate newDeadline,
                             LocalDate effective) {
            sequence++;
            workflow = true;
            leadUnit = lead;
            List<String> responsible = new java.util.ArrayList<>(List.of(lead));
            coUnits.stream().filter(u -> !u.equals(lead)).forEach(responsible::add);
            units = List.copyOf(responsible);
            this.leaders = List.copyOf(leaders);
            deadline = newDeadline;
            if (originalDeadline == null) {
                originalDeadline = newDeadline;
            }
            assignmentState = "ASSIGNED";
            assignedAt = recordedNow();
            signedAt = null;
            signedBy = null;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            ObjectNode assignment = data.putObject("assignment");
            assignment.put("leadUnit", lead);
            ArrayNode co = assignment.putArray("coUnits");
            coUnits.forEach(co::add);
            ArrayNode leaderArray = assignment.putArray("leadLeaders");
            leaders.forEach(leaderArray::add);
            assignment.put("deadline", newDeadline == null ? null : newDeadline.toString());
            ArrayNode measureDeadlines = assignment.putArray("measureDeadlines");
            if (newDeadline != null) {
                measureDeadlines.addObject().put("measure", 0).put("deadline", newDeadline.toString());
            }
            assignment.putNull("note");
            return envelope("zhenggai.issue.assigned.v1", "issue", id, sequence, effective, data);
        }

        /** 签收 by the lead unit, effective on {@code effective}. */
        public Record sign(LocalDate effective) {
            sequence++;
            assignmentState = "SIGNED";
            signedAt = recordedNow();
            signedBy = "tester";
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("signature").put("unit", leadUnit).putNull("note");
            return envelope("zhenggai.issue.signed.v1", "issue", id, sequence, effective, data);
        }

        /** 延期申请 to {@code requested}: the issue awaits the office's decision. */
        public Record requestExtension(LocalDate requested, LocalDate effective) {
            sequence++;
            pendingExtension = UUID.randomUUID();
            requestedDeadline = requested;
            awaitingDecision = "EXTENSION";
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("extension").put("id", pendingExtension.toString())
                    .put("currentDeadline", deadline == null ? null : deadline.toString())
                    .put("requestedDeadline", requested.toString()).put("reason", "项目审批周期长");
            return envelope("zhenggai.issue.extension-requested.v1", "issue", id, sequence, effective, data);
        }

        /** The office's decision on the pending extension: approved, the deadline moves; the original one stays. */
        public Record decideExtension(boolean approved, LocalDate effective) {
            sequence++;
            LocalDate previous = deadline;
            if (approved) {
                deadline = requestedDeadline;
                extensionCount++;
            }
            awaitingDecision = null;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("extension").put("id", pendingExtension.toString())
                    .put("decision", approved ? "APPROVED" : "REJECTED")
                    .put("previousDeadline", previous == null ? null : previous.toString())
                    .put("requestedDeadline", requestedDeadline.toString())
                    .put("newDeadline", deadline == null ? null : deadline.toString())
                    .put("originalDeadline", originalDeadline == null ? null : originalDeadline.toString())
                    .putNull("note");
            pendingExtension = null;
            return envelope("zhenggai.issue.extension-decided.v1", "issue", id, sequence, effective, data);
        }

        /** 领导批示: changes nothing report-service counts. */
        public Record instruction(String leader, String text) {
            sequence++;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("instruction").put("id", UUID.randomUUID().toString()).put("leader", leader)
                    .put("text", text);
            return envelope("zhenggai.issue.instruction-added.v1", "issue", id, sequence, null, data);
        }

        /** A file of evidence: changes nothing report-service counts. */
        public Record evidence(String name) {
            sequence++;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.putObject("evidence").put("id", UUID.randomUUID().toString()).put("name", name)
                    .put("mediaType", "application/pdf").put("size", 1024)
                    .put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            return envelope("zhenggai.issue.evidence-added.v1", "issue", id, sequence, null, data);
        }

        /** A transition (START, COMPLETE, CLOSE, RETURN, MAKE_LONG_TERM, RESUME) taking effect on {@code effective}. */
        public Record transition(String transition, String to, LocalDate effective) {
            sequence++;
            String before = status;
            status = to;
            switch (transition) {
                case "COMPLETE" -> awaitingDecision = "COMPLETION";
                case "RETURN" -> {
                    returnedCount++;
                    awaitingDecision = null;
                }
                case "CLOSE" -> awaitingDecision = null;
                default -> {
                }
            }
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.set("change", change(before, to, transition, null));
            return envelope("zhenggai.issue.status-changed.v1", "issue", id, sequence, effective, data);
        }

        /** 回头看: a CLOSED issue reopened to IN_PROGRESS. */
        public Record reopen(LocalDate effective) {
            sequence++;
            String before = status;
            status = "IN_PROGRESS";
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            data.set("change", change(before, status, "REOPEN", "回头看"));
            return envelope("zhenggai.issue.reopened.v1", "issue", id, sequence, effective, data);
        }

        /**
         * 修改, as issue-service's update writes it ({@code updated.v1}, effective when recorded): new lead leaders,
         * responsible units, tags and deadline (null: none), the changed ones listed; a deadline the office sets is
         * also the original one (not an extension).
         *
         * @throws IllegalArgumentException when nothing changes (issue-service journals nothing then)
         */
        public Record update(List<String> leaders, List<String> units, List<String> tags, LocalDate deadline) {
            ObjectNode data = JSON.createObjectNode();
            ObjectNode changes = JSON.createObjectNode();
            changed(changes, "leadLeaders", this.leaders, leaders);
            changed(changes, "responsibleUnits", this.units, units);
            changed(changes, "tags", this.tags, tags);
            if (!java.util.Objects.equals(this.deadline, deadline)) {
                changes.putObject("deadline").put("from", this.deadline == null ? null : this.deadline.toString())
                        .put("to", deadline == null ? null : deadline.toString());
                originalDeadline = deadline;
            }
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("an update that changes nothing");
            }
            sequence++;
            this.leaders = List.copyOf(leaders);
            this.units = List.copyOf(units);
            this.tags = List.copyOf(tags);
            this.deadline = deadline;
            data.set("issue", snapshot());
            data.set("changes", changes);
            data.put("reason", "调整责任分工");
            return envelope("zhenggai.issue.updated.v1", "issue", id, sequence, null, data);
        }

        private static void changed(ObjectNode changes, String field, List<String> from, List<String> to) {
            // the projection keeps each value once, in order: a repeat alone changes nothing
            if (!List.copyOf(new java.util.LinkedHashSet<>(from)).equals(List.copyOf(
                    new java.util.LinkedHashSet<>(to)))) {
                ObjectNode change = changes.putObject(field);
                from.forEach(change.putArray("from")::add);
                to.forEach(change.putArray("to")::add);
            }
        }

        /** A new deadline. */
        public Record newDeadline(LocalDate to) {
            sequence++;
            LocalDate from = deadline;
            deadline = to;
            ObjectNode data = JSON.createObjectNode();
            data.set("issue", snapshot());
            ObjectNode change = data.putObject("changes").putObject("deadline");
            change.put("from", from == null ? null : from.toString());
            change.put("to", to.toString());
            data.put("reason", "延期");
            return envelope("zhenggai.issue.updated.v1", "issue", id, sequence, null, data);
        }

        private ObjectNode snapshot() {
            ObjectNode issue = JSON.createObjectNode();
            issue.put("id", id.toString());
            issue.put("inspectionId", inspection.id.toString());
            issue.put("listKey", list);
            issue.putObject("aspect").put("path", aspectPath)
                    .put("numbering", aspectNumbering != null ? aspectNumbering : "（" + aspectPath + "）")
                    .put("title", "方面" + aspectPath);
            issue.put("groupTitle", groupTitle);
            issue.putObject("category").put("path", categoryPath)
                    .put("numbering", categoryNumbering != null ? categoryNumbering
                            : categoryPath.substring(categoryPath.indexOf('/') + 1) + ".")
                    .put("title", "类" + categoryPath);
            issue.put("path", issuePath != null ? issuePath : categoryPath + "/" + ordinal);
            issue.put("numbering", issuePath != null ? issueNumbering : "（" + ordinal + "）");
            issue.put("ordinal", ordinal);
            issue.put("title", title);
            issue.put("description", description);
            ArrayNode leaderArray = issue.putArray("leadLeaders");
            leaders.forEach(leaderArray::add);
            ArrayNode unitArray = issue.putArray("responsibleUnits");
            units.forEach(unitArray::add);
            ArrayNode tagArray = issue.putArray("tags");
            tags.forEach(tagArray::add);
            issue.put("deadline", deadline == null ? null : deadline.toString());
            issue.put("status", status);
            issue.put("statusLabel", statusLabel);
            issue.put("lastProgressDate", lastProgress == null ? null : lastProgress.toString());
            issue.put("sequence", sequence);
            if (workflow) {
                issue.put("leadUnit", leadUnit);
                if (assignmentState == null) {
                    issue.putNull("assignment");
                } else {
                    issue.putObject("assignment").put("state", assignmentState)
                            .put("assignedAt", assignedAt.toString())
                            .put("signedAt", signedAt == null ? null : signedAt.toString())
                            .put("signedBy", signedBy);
                }
                issue.put("originalDeadline", originalDeadline == null ? null : originalDeadline.toString());
                issue.put("extensionCount", extensionCount);
                issue.put("returnedCount", returnedCount);
                issue.put("awaitingDecision", awaitingDecision);
            }
            return issue;
        }
    }

    /** 数据: a reading as issue-service's parser emits it (value exact, in the base unit). */
    public static ObjectNode reading(String metric, Map<String, String> dimensions, String value, String unit,
                                     String kind, String display) {
        ObjectNode reading = JSON.createObjectNode();
        reading.put("metric", metric);
        ObjectNode dims = reading.putObject("dimensions");
        dimensions.forEach(dims::put);
        if (value != null) {
            reading.put("value", new BigDecimal(value));
        }
        reading.put("unit", unit);
        reading.put("kind", kind);
        reading.put("qualifier", value == null ? "UNSPECIFIED" : "EXACT");
        reading.put("forecast", false);
        reading.put("change", false);
        reading.put("display", display);
        reading.put("sourceText", display);
        return reading;
    }

    public static ObjectNode forecast(ObjectNode reading) {
        return reading.put("forecast", true);
    }

    public static ObjectNode change(ObjectNode reading) {
        return reading.put("change", true);
    }

    private static ObjectNode change(String from, String to, String transition, String reason) {
        ObjectNode change = JSON.createObjectNode();
        change.put("from", from);
        change.put("to", to);
        change.put("transition", transition);
        change.put("reason", reason);
        change.putNull("verificationNote");
        change.putArray("evidence");
        return change;
    }

    private static final ThreadLocal<Instant> RECORDED = new ThreadLocal<>();

    /** The time the event being built is recorded at. */
    private static Instant recordedNow() {
        return RECORDED.get() == null ? Instant.now() : RECORDED.get();
    }

    /**
     * The event {@code event} builds, recorded at {@code recorded} rather than now: for histories whose recorded times
     * matter (answers as of a recorded instant, back-dated entries).
     */
    public static Record at(Instant recorded, java.util.function.Supplier<Record> event) {
        RECORDED.set(recorded);
        try {
            return event.get();
        } finally {
            RECORDED.remove();
        }
    }

    private static Record envelope(String type, String aggregateType, UUID aggregateId, long sequence,
                                   LocalDate effective, ObjectNode data) {
        UUID eventId = UUID.randomUUID();
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId.toString());
        event.put("source", "/zhenggai/issue-service");
        event.put("type", type);
        event.put("subject", aggregateId.toString());
        event.put("time", (RECORDED.get() == null ? Instant.now() : RECORDED.get()).toString());
        event.put("datacontenttype", "application/json");
        event.put("aggregatetype", aggregateType);
        event.put("aggregateid", aggregateId.toString());
        event.put("sequence", sequence);
        event.put("position", nextPosition());
        event.put("actor", "tester");
        if (effective != null) {
            event.put("effectivedate", effective.toString());
        }
        event.set("data", data);
        try {
            return new Record(aggregateId.toString(), JSON.writeValueAsString(event), eventId);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
