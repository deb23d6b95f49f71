package io.zhenggai.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes N synthetic, contract-valid events straight to {@code rectification-events} (issue-service would need far
 * too long for a million on two cores). CloudEvents 1.0 in structured mode, as issue-service's relay writes them
 * (value = the whole event, key = aggregate id, header {@code content-type: application/cloudevents+json}), valid
 * against {@code issue-service/src/main/resources/contract/rectification-events.schema.json}.
 * <p>
 * What it writes, deterministically for a seed: one {@code zhenggai.inspection.created.v1} per inspection (a small
 * tree: lists → aspects → categories), one {@code zhenggai.issue.created.v1} per issue, and the rest progress
 * reports (with readings such as {@code investment.completed}, {@code patches.total}/{@code patches.rectified},
 * {@code loan.balance}/{@code loan.npl}), status changes along the status machine (START, COMPLETE, CLOSE, RETURN,
 * MAKE_LONG_TERM, RESUME; REOPEN as {@code zhenggai.issue.reopened.v1}) and updates. Sequences run 1, 2, 3 … per
 * aggregate without gaps; positions 1 … N; {@code time} rises from 2023-01 to 2026-11; {@code effectivedate} of
 * an issue's created event is its inspection's feedback date (as issue-service gives it), of the other issue events
 * mostly the recorded day, and about 4% of those are back-dated (补录) by 30–400 days (never before the feedback
 * date). Every issue event
 * carries the issue's full snapshot after the change. See deploy/bench/README.md.
 */
public final class EventGenerator {

    public static final String SOURCE = "/zhenggai/issue-service";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant FIRST = Instant.parse("2023-01-03T01:00:00Z");
    private static final Instant LAST = Instant.parse("2026-11-20T09:00:00Z");
    private static final LocalDate EARLIEST = LocalDate.of(2022, 12, 7);

    /** One generated event: the record key (aggregate id) and the value (the whole CloudEvent, JSON). */
    public record Event(String key, String value, String type, String aggregateId, long sequence, long position) {
    }

    /** Where events go. */
    public interface Sink {
        void accept(Event event) throws Exception;
    }

    private static final String[] STATUS = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "LONG_TERM"};
    private static final int NOT_STARTED = 0, IN_PROGRESS = 1, COMPLETED = 2, CLOSED = 3, LONG_TERM = 4;
    private static final String[] CN_NUM = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final String[] TEAMS = {"省委第一巡视组", "省委第二巡视组", "省委第三巡视组", "市委第一巡察组",
            "省委第五巡视组", "中央第八巡视组"};
    private static final String[] UNITS = {"市发展改革委", "市财政局", "市自然资源局", "市生态环境局", "市住房城乡建设局",
            "市农业农村局", "市水利局", "市国资委", "市金融办", "市工业和信息化局", "某区人民政府", "某县人民政府"};
    private static final String[] LEADERS = {"张某", "王某", "李某", "赵某", "刘某", "陈某", "杨某", "黄某"};
    private static final String[] TAGS = {"耕地保护", "生态环保", "金融风险", "国企改革", "营商环境", "民生", "安全生产"};
    private static final String[] ASPECTS = {"贯彻落实党中央重大决策部署方面", "履行全面从严治党主体责任方面",
            "落实巡视整改和选人用人方面", "防范化解重大风险方面", "推动高质量发展方面"};
    private static final String[] CATEGORIES = {"加快构筑黄河安澜屏障", "耕地保护责任落实不到位", "重大项目推进缓慢",
            "地方金融风险底数不清", "生态环境突出问题整改不彻底", "国有资产监管存在漏洞", "违规兴建楼堂馆所"};
    private static final String[] INDUSTRIES = {"新材料", "装备制造", "新能源", "生物医药", "电子信息", "现代农业"};
    private static final String[] BATCHES = {"2021耕地保护督察", "2022卫片执法", "2023耕地保护督察", "2024卫片执法"};

    /** What one run writes. */
    public record Spec(long events, int issues, int inspections, long seed) {
    }

    private static final class Inspection {
        String id;
        String team;
        LocalDate feedback;
        /** [list][aspect][category] → {aspect numbering/path, category path, titles} */
        final List<String[]> places = new ArrayList<>();
        String json;
    }

    private static final class Issue {
        String id;
        Inspection inspection;
        String[] place;
        int ordinal;
        String title;
        String[] leaders;
        String[] units;
        String[] tags;
        LocalDate deadline;
        int status = NOT_STARTED;
        LocalDate lastProgress;
        LocalDate createdOn;
        long sequence;
        String completedBy;
        /** cumulative figures, so that readings rise over time */
        long invested;
        int patchesTotal;
        int patchesRectified;
        long loanBalance;
        long loanNpl;
        int kind;
    }

    private final Spec spec;
    private final SplittableRandom random;
    private final Inspection[] inspections;
    private final Issue[] issues;
    private final StringBuilder out = new StringBuilder(4096);

    public EventGenerator(Spec spec) {
        if (spec.events() < (long) spec.inspections() + spec.issues()) {
            throw new IllegalArgumentException("--events=" + spec.events() + " is fewer than one event per inspection ("
                    + spec.inspections() + ") and per issue (" + spec.issues() + ")");
        }
        if (spec.issues() < 1 && spec.events() > spec.inspections()) {
            throw new IllegalArgumentException("--issues must be at least 1 when there are more events than inspections");
        }
        if (spec.inspections() < 1) {
            throw new IllegalArgumentException("--inspections must be at least 1");
        }
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.inspections = new Inspection[spec.inspections()];
        this.issues = new Issue[spec.issues()];
    }

    /** Generates all events in position order into {@code sink}. */
    public void generate(Sink sink) throws Exception {
        long total = spec.events();
        long position = 0;
        for (int i = 0; i < inspections.length; i++) {
            position++;
            Inspection inspection = newInspection(i);
            inspections[i] = inspection;
            Instant time = timeAt(position, total);
            out.setLength(0);
            envelope(inspection.id, "zhenggai.inspection.created.v1", "inspection", 1, position, time, "office-admin",
                    inspection.feedback); // as issue-service: an inspection takes effect on its feedback date
            out.append(inspection.json).append('}');
            sink.accept(new Event(inspection.id, out.toString(), "zhenggai.inspection.created.v1", inspection.id, 1,
                    position));
        }
        int created = 0;
        while (position < total) {
            position++;
            long remaining = total - position + 1;
            int uncreated = issues.length - created;
            Instant time = timeAt(position, total);
            Issue issue;
            if (uncreated > 0 && (created == 0 || random.nextLong(remaining) < uncreated)) {
                issue = newIssue(created, day(time));
                issues[created++] = issue;
                issue.sequence = 1;
                sink.accept(created(issue, position, time));
            } else {
                issue = issues[random.nextInt(created)];
                issue.sequence++;
                sink.accept(next(issue, position, time));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- the model

    private Inspection newInspection(int index) {
        Inspection inspection = new Inspection();
        inspection.id = uuid();
        inspection.team = TEAMS[index % TEAMS.length];
        inspection.feedback = EARLIEST.plusDays(random.nextInt(20) + 30L * index);
        String target = UNITS[random.nextInt(UNITS.length)] + "党组";
        boolean special = random.nextInt(4) == 0;
        StringBuilder tree = new StringBuilder(2048);
        tree.append("\"data\":{\"id\":\"").append(inspection.id).append("\",\"team\":");
        str(tree, inspection.team);
        tree.append(",\"targetUnit\":");
        str(tree, target);
        tree.append(",\"kinds\":[\"").append(special ? "SPECIAL" : "ROUTINE").append("\"],\"specialTheme\":");
        if (special) {
            str(tree, "耕地保护专项巡视");
        } else {
            tree.append("null");
        }
        LocalDate onSiteTo = inspection.feedback.minusDays(40 + random.nextInt(20));
        tree.append(",\"onSiteFrom\":\"").append(onSiteTo.minusDays(60)).append("\",\"onSiteTo\":\"").append(onSiteTo)
                .append("\",\"feedbackDate\":\"").append(inspection.feedback)
                .append("\",\"declared\":null,\"sequence\":1,\"lists\":[");
        int lists = 1 + random.nextInt(2);
        for (int l = 0; l < lists; l++) {
            String key = l == 0 ? "main" : "special-" + l;
            tree.append(l == 0 ? "" : ",").append("{\"key\":\"").append(key).append("\",\"title\":");
            str(tree, l == 0 ? "问题清单" : "专项问题清单");
            tree.append(",\"theme\":").append(l == 0 ? "null" : "\"耕地保护\"").append(",\"aspects\":[");
            int aspects = 2 + random.nextInt(3);
            for (int a = 0; a < aspects; a++) {
                String numbering = CN_NUM[a];
                String aspectTitle = ASPECTS[(a + l) % ASPECTS.length];
                tree.append(a == 0 ? "" : ",").append("{\"numbering\":\"").append(numbering).append("\",\"title\":");
                str(tree, aspectTitle);
                tree.append(",\"path\":\"").append(numbering).append("\",\"groups\":[],\"categories\":[");
                int categories = 2 + random.nextInt(3);
                for (int c = 0; c < categories; c++) {
                    String categoryTitle = CATEGORIES[(a * 3 + c + l) % CATEGORIES.length];
                    String categoryNumbering = "（" + CN_NUM[c] + "）";
                    String path = numbering + "/" + categoryTitle;
                    tree.append(c == 0 ? "" : ",").append("{\"path\":");
                    str(tree, path);
                    tree.append(",\"numbering\":");
                    str(tree, categoryNumbering);
                    tree.append(",\"title\":");
                    str(tree, categoryTitle);
                    tree.append('}');
                    inspection.places.add(new String[] {key, numbering, aspectTitle, path, categoryNumbering,
                            categoryTitle, "0"});
                }
                tree.append("]}");
            }
            tree.append("]}");
        }
        tree.append("]}");
        inspection.json = tree.toString();
        return inspection;
    }

    private Issue newIssue(int index, LocalDate today) {
        Issue issue = new Issue();
        issue.id = uuid();
        issue.inspection = inspections[index % inspections.length];
        issue.place = issue.inspection.places.get(random.nextInt(issue.inspection.places.size()));
        issue.ordinal = Integer.parseInt(issue.place[6]) + 1;
        issue.place[6] = Integer.toString(issue.ordinal);
        issue.kind = random.nextInt(3);
        issue.title = switch (issue.kind) {
            case 0 -> "重点产业项目投资进度滞后，" + INDUSTRIES[random.nextInt(INDUSTRIES.length)] + "项目未按期完成";
            case 1 -> "违法占用耕地图斑整改不到位（" + BATCHES[random.nextInt(BATCHES.length)] + "）";
            default -> "地方法人银行不良贷款处置缓慢，风险底数不清";
        };
        issue.leaders = pick(LEADERS, 1 + random.nextInt(2));
        issue.units = pick(UNITS, 1 + random.nextInt(3));
        issue.tags = pick(TAGS, random.nextInt(3));
        issue.createdOn = today;
        issue.deadline = random.nextInt(5) == 0 ? null : today.plusDays(90 + random.nextInt(640));
        issue.patchesTotal = 10 + random.nextInt(300);
        issue.loanBalance = (5_000L + random.nextInt(200_000)) * 1_000_000L;
        issue.loanNpl = issue.loanBalance / (20 + random.nextInt(30));
        return issue;
    }

    private Event created(Issue issue, long position, Instant time) {
        out.setLength(0);
        // as issue-service: an issue stands in the ledger from its inspection's feedback date, whenever entered
        envelope(issue.id, "zhenggai.issue.created.v1", "issue", 1, position, time, "office-admin",
                issue.inspection.feedback);
        out.append("\"data\":{\"issue\":");
        snapshot(issue);
        out.append(",\"measures\":[");
        str(out, "制定专项整改方案，明确责任单位和完成时限");
        out.append(',');
        str(out, "建立整改台账，按月调度推进");
        out.append("]}}");
        return new Event(issue.id, out.toString(), "zhenggai.issue.created.v1", issue.id, 1, position);
    }

    /** The issue's next event, valid for its state; {@code issue.sequence} is already the new sequence. */
    private Event next(Issue issue, long position, Instant time) {
        LocalDate day = day(time);
        LocalDate notBefore = issue.createdOn.isAfter(issue.inspection.feedback) ? issue.createdOn
                : issue.inspection.feedback;
        LocalDate effective = random.nextInt(25) == 0 ? backDated(day, notBefore) : day;
        int roll = random.nextInt(100);
        String type;
        String actor = "unit-" + (1 + random.nextInt(40));
        StringBuilder data = new StringBuilder(1024);
        switch (issue.status) {
            case NOT_STARTED -> {
                if (roll < 70) {
                    type = progress(issue, effective, data, actor);
                } else if (roll < 90) {
                    type = statusChange(issue, "START", IN_PROGRESS, null, data);
                } else {
                    type = update(issue, data);
                    actor = "office-admin";
                }
            }
            case IN_PROGRESS -> {
                if (roll < 75) {
                    type = progress(issue, effective, data, actor);
                } else if (roll < 88) {
                    type = statusChange(issue, "COMPLETE", COMPLETED, null, data);
                    issue.completedBy = actor;
                } else if (roll < 92) {
                    type = statusChange(issue, "MAKE_LONG_TERM", LONG_TERM, "需长期坚持，转入常态化整改", data);
                } else {
                    type = update(issue, data);
                    actor = "office-admin";
                }
            }
            case COMPLETED -> {
                actor = "office-" + (1 + random.nextInt(5));
                if (roll < 70) {
                    type = statusChange(issue, "CLOSE", CLOSED, null, data);
                } else if (roll < 85) {
                    type = statusChange(issue, "RETURN", IN_PROGRESS, "整改材料不完整，退回补充", data);
                } else {
                    type = update(issue, data);
                }
            }
            case CLOSED -> {
                actor = "office-" + (1 + random.nextInt(5));
                if (roll < 60) {
                    type = statusChange(issue, "REOPEN", IN_PROGRESS, "回头看发现问题反弹", data);
                } else {
                    type = update(issue, data);
                }
            }
            default -> { // LONG_TERM
                if (roll < 60) {
                    type = progress(issue, effective, data, actor);
                } else if (roll < 85) {
                    type = statusChange(issue, "RESUME", IN_PROGRESS, "恢复集中整改", data);
                } else {
                    type = update(issue, data);
                    actor = "office-admin";
                }
            }
        }
        out.setLength(0);
        envelope(issue.id, type, "issue", issue.sequence, position, time, actor, effective);
        out.append("\"data\":{\"issue\":");
        snapshot(issue);
        out.append(data).append("}}");
        return new Event(issue.id, out.toString(), type, issue.id, issue.sequence, position);
    }

    private String progress(Issue issue, LocalDate asOf, StringBuilder data, String actor) {
        int before = issue.status;
        if (before == NOT_STARTED) {
            issue.status = IN_PROGRESS;
        }
        if (issue.lastProgress == null || asOf.isAfter(issue.lastProgress)) {
            issue.lastProgress = asOf;
        }
        data.append(",\"report\":{\"id\":\"").append(uuid()).append("\",\"asOf\":\"").append(asOf)
                .append("\",\"text\":");
        StringBuilder text = new StringBuilder(128);
        StringBuilder readings = new StringBuilder(512);
        switch (issue.kind) {
            case 0 -> {
                long step = (1 + random.nextInt(500)) * 1_000_000L;
                issue.invested += step;
                String industry = INDUSTRIES[Math.floorMod(issue.id.hashCode(), INDUSTRIES.length)];
                String display = yi(issue.invested);
                text.append("截至").append(asOf).append("，").append(industry).append("产业项目已完成投资").append(display);
                reading(readings, "investment.completed", "industry", industry, Long.toString(issue.invested), "CNY",
                        "MONEY", display, text);
            }
            case 1 -> {
                String batch = BATCHES[Math.floorMod(issue.id.hashCode(), BATCHES.length)];
                issue.patchesRectified = Math.min(issue.patchesTotal,
                        issue.patchesRectified + 1 + random.nextInt(Math.max(1, issue.patchesTotal / 5)));
                text.append(batch).append("共涉及图斑").append(issue.patchesTotal).append("个，已完成整改")
                        .append(issue.patchesRectified).append("个");
                reading(readings, "patches.total", "batch", batch, Integer.toString(issue.patchesTotal), "个", "COUNT",
                        issue.patchesTotal + "个", text);
                readings.append(',');
                reading(readings, "patches.rectified", "batch", batch, Integer.toString(issue.patchesRectified), "个",
                        "COUNT", issue.patchesRectified + "个", text);
            }
            default -> {
                issue.loanNpl = Math.max(0, issue.loanNpl - (issue.loanNpl / (5 + random.nextInt(10))));
                issue.loanBalance += (random.nextInt(2000) - 500) * 1_000_000L;
                text.append("各项贷款余额").append(yi(issue.loanBalance)).append("，不良贷款余额").append(yi(issue.loanNpl));
                reading(readings, "loan.balance", null, null, Long.toString(issue.loanBalance), "CNY", "MONEY",
                        yi(issue.loanBalance), text);
                readings.append(',');
                reading(readings, "loan.npl", null, null, Long.toString(issue.loanNpl), "CNY", "MONEY",
                        yi(issue.loanNpl), text);
            }
        }
        str(data, text.toString());
        data.append(",\"measures\":[");
        str(data, "按月调度，倒排工期");
        data.append("],\"readings\":[").append(readings).append("],\"statusLabel\":null},\"statusChange\":");
        if (before == NOT_STARTED) {
            data.append("{\"from\":\"NOT_STARTED\",\"to\":\"IN_PROGRESS\",\"transition\":\"START\",")
                    .append("\"reason\":\"first progress report\",\"verificationNote\":null,\"evidence\":null}");
        } else {
            data.append("null");
        }
        return "zhenggai.issue.progress-reported.v1";
    }

    private static void reading(StringBuilder out, String metric, String dimension, String dimensionValue,
                                String value, String unit, String kind, String display, CharSequence sourceText) {
        out.append("{\"metric\":\"").append(metric).append("\",\"dimensions\":{");
        if (dimension != null) {
            out.append('"').append(dimension).append("\":");
            str(out, dimensionValue);
        }
        out.append("},\"value\":").append(value).append(",\"unit\":");
        str(out, unit);
        out.append(",\"kind\":\"").append(kind).append("\",\"qualifier\":\"EXACT\",\"forecast\":false,")
                .append("\"change\":false,\"display\":");
        str(out, display);
        out.append(",\"sourceText\":");
        str(out, sourceText.toString());
        out.append('}');
    }

    private String statusChange(Issue issue, String transition, int to, String reason, StringBuilder data) {
        int from = issue.status;
        issue.status = to;
        data.append(",\"change\":{\"from\":\"").append(STATUS[from]).append("\",\"to\":\"").append(STATUS[to])
                .append("\",\"transition\":\"").append(transition).append("\",\"reason\":");
        if (reason == null) {
            data.append("null");
        } else {
            str(data, reason);
        }
        if (transition.equals("CLOSE")) {
            data.append(",\"verificationNote\":\"经现场核查，整改到位\",\"evidence\":[\"evidence/")
                    .append(uuid()).append(".pdf\"]}");
        } else {
            data.append(",\"verificationNote\":null,\"evidence\":null}");
        }
        return transition.equals("REOPEN") ? "zhenggai.issue.reopened.v1" : "zhenggai.issue.status-changed.v1";
    }

    private String update(Issue issue, StringBuilder data) {
        data.append(",\"changes\":{");
        int what = random.nextInt(4);
        switch (what) {
            case 0 -> {
                String[] before = issue.leaders;
                issue.leaders = pick(LEADERS, 1 + random.nextInt(2));
                data.append("\"leadLeaders\":{\"from\":");
                strings(data, before);
                data.append(",\"to\":");
                strings(data, issue.leaders);
            }
            case 1 -> {
                String[] before = issue.units;
                issue.units = pick(UNITS, 1 + random.nextInt(3));
                data.append("\"responsibleUnits\":{\"from\":");
                strings(data, before);
                data.append(",\"to\":");
                strings(data, issue.units);
            }
            case 2 -> {
                String[] before = issue.tags;
                issue.tags = pick(TAGS, 1 + random.nextInt(3));
                data.append("\"tags\":{\"from\":");
                strings(data, before);
                data.append(",\"to\":");
                strings(data, issue.tags);
            }
            default -> {
                LocalDate before = issue.deadline;
                issue.deadline = (before != null ? before : issue.createdOn).plusDays(30 + random.nextInt(180));
                data.append("\"deadline\":{\"from\":").append(before == null ? "null" : "\"" + before + "\"")
                        .append(",\"to\":\"").append(issue.deadline).append('"');
            }
        }
        data.append("}},\"reason\":");
        str(data, "根据整改推进情况调整");
        return "zhenggai.issue.updated.v1";
    }

    private void snapshot(Issue issue) {
        String[] place = issue.place;
        out.append("{\"id\":\"").append(issue.id).append("\",\"inspectionId\":\"").append(issue.inspection.id)
                .append("\",\"listKey\":\"").append(place[0]).append("\",\"aspect\":{\"path\":");
        str(out, place[1]);
        out.append(",\"numbering\":");
        str(out, place[1]);
        out.append(",\"title\":");
        str(out, place[2]);
        out.append("},\"groupTitle\":null,\"category\":{\"path\":");
        str(out, place[3]);
        out.append(",\"numbering\":");
        str(out, place[4]);
        out.append(",\"title\":");
        str(out, place[5]);
        out.append("},\"path\":");
        str(out, place[3] + "/" + issue.ordinal);
        out.append(",\"numbering\":\"").append(issue.ordinal).append("\",\"ordinal\":").append(issue.ordinal)
                .append(",\"title\":");
        str(out, issue.title);
        out.append(",\"description\":null,\"leadLeaders\":");
        strings(out, issue.leaders);
        out.append(",\"responsibleUnits\":");
        strings(out, issue.units);
        out.append(",\"tags\":");
        strings(out, issue.tags);
        out.append(",\"deadline\":").append(issue.deadline == null ? "null" : "\"" + issue.deadline + "\"")
                .append(",\"status\":\"").append(STATUS[issue.status]).append("\",\"statusLabel\":null")
                .append(",\"lastProgressDate\":")
                .append(issue.lastProgress == null ? "null" : "\"" + issue.lastProgress + "\"")
                .append(",\"sequence\":").append(issue.sequence).append('}');
    }

    private void envelope(String id, String type, String aggregateType, long sequence, long position, Instant time,
                          String actor, LocalDate effective) {
        out.append("{\"specversion\":\"1.0\",\"id\":\"").append(uuid()).append("\",\"source\":\"").append(SOURCE)
                .append("\",\"type\":\"").append(type).append("\",\"subject\":\"").append(id)
                .append("\",\"time\":\"").append(DateTimeFormatter.ISO_INSTANT.format(time))
                .append("\",\"datacontenttype\":\"application/json\",\"aggregatetype\":\"").append(aggregateType)
                .append("\",\"aggregateid\":\"").append(id).append("\",\"sequence\":").append(sequence)
                .append(",\"position\":").append(position).append(",\"actor\":\"").append(actor).append('"');
        if (effective != null) {
            out.append(",\"effectivedate\":\"").append(effective).append('"');
        }
        out.append(',');
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** recorded time rises with the position over 2023-01 … 2026-11, with a little jitter that keeps it monotone */
    private Instant timeAt(long position, long total) {
        long span = LAST.toEpochMilli() - FIRST.toEpochMilli();
        long slot = span / Math.max(1, total);
        return Instant.ofEpochMilli(FIRST.toEpochMilli() + (position - 1) * slot + random.nextLong(Math.max(1, slot)));
    }

    private LocalDate backDated(LocalDate day, LocalDate notBefore) {
        LocalDate back = day.minusDays(30 + random.nextInt(370));
        return !back.isBefore(notBefore) ? back : notBefore.isAfter(day) ? day : notBefore;
    }

    private static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, SHANGHAI);
    }

    private String uuid() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        hi = (hi & ~0xF000L) | 0x4000L; // version 4
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new java.util.UUID(hi, lo).toString();
    }

    private String[] pick(String[] from, int n) {
        String[] picked = new String[n];
        int start = random.nextInt(from.length);
        for (int i = 0; i < n; i++) {
            picked[i] = from[(start + i) % from.length];
        }
        return picked;
    }

    /** 亿元 display of a CNY amount */
    private static String yi(long cny) {
        return new java.math.BigDecimal(cny).movePointLeft(8).stripTrailingZeros().toPlainString() + "亿元";
    }

    private static void strings(StringBuilder out, String[] values) {
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            str(out, values[i]);
        }
        out.append(']');
    }

    static void str(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ------------------------------------------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, o.acks);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(o.idempotent()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(o.lingerMs));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(o.batchBytes));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, o.compression);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, o.idempotent() ? "5" : "1");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "zhenggai-event-generator");

        Spec spec = new Spec(o.events, o.issues, o.inspections, o.seed);
        System.out.printf(Locale.ROOT, "Writing %,d events (%d inspections, %,d issues, seed %d) to %s on %s "
                        + "(acks=%s, linger.ms=%d, batch.size=%d, compression=%s)%n", spec.events(), spec.inspections(),
                spec.issues(), spec.seed(), o.topic, o.bootstrap, o.acks, o.lingerMs, o.batchBytes, o.compression);
        AtomicLong acked = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        RecordHeader contentType = new RecordHeader("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        long[] lastReport = {start};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            new EventGenerator(spec).generate(event -> {
                if (failure.get() != null) {
                    throw failure.get();
                }
                byte[] value = event.value().getBytes(StandardCharsets.UTF_8);
                bytes.addAndGet(value.length);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(o.topic, null,
                        event.key().getBytes(StandardCharsets.US_ASCII), value, List.of(contentType));
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                long now = System.nanoTime();
                if (now - lastReport[0] > 2_000_000_000L && event.position() > 1) {
                    lastReport[0] = now;
                    double seconds = (now - start) / 1e9;
                    System.out.printf(Locale.ROOT, "  %,12d sent  %,12d acked  %,10.0f events/s%n",
                            event.position(), acked.get(), event.position() / seconds);
                }
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Done: %,d events acknowledged in %.1f s: %,.0f events/s, %.1f MB/s "
                        + "(%,d bytes of JSON before compression, %.0f bytes/event)%n", acked.get(), seconds,
                acked.get() / seconds, bytes.get() / seconds / 1e6, bytes.get(), (double) bytes.get() / acked.get());
    }

    static final class Options {
        String bootstrap = "127.0.0.1:9092";
        long events = 1_000_000;
        int issues = 100_000;
        int inspections = 10;
        String topic = "rectification-events";
        long seed = 42;
        String acks = "1";
        int lingerMs = 15;
        int batchBytes = 256 * 1024;
        String compression = "lz4";

        static final String HELP = """
                deploy/bench/generate-events [options]: writes N synthetic, contract-valid events to Kafka
                  --bootstrap=HOST:PORT  broker (default 127.0.0.1:9092)
                  --events=N             events in all (default 1000000)
                  --issues=K             issues (default 100000); one created event each
                  --inspections=I        inspections (default 10); one created event each
                  --topic=NAME           (default rectification-events)
                  --seed=S               same seed, same events (default 42)
                  --acks=0|1|all         (default 1; all also turns on idempotence)
                  --linger-ms=MS         (default 15)
                  --batch-bytes=B        (default 262144)
                  --compression=TYPE     none|gzip|snappy|lz4|zstd (default lz4)""";

        boolean idempotent() {
            return "all".equals(acks) || "-1".equals(acks);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String value = eq < 0 ? "" : arg.substring(eq + 1);
                switch (name) {
                    case "--bootstrap" -> o.bootstrap = value;
                    case "--events" -> o.events = Long.parseLong(value.replace("_", ""));
                    case "--issues" -> o.issues = Integer.parseInt(value.replace("_", ""));
                    case "--inspections" -> o.inspections = Integer.parseInt(value);
                    case "--topic" -> o.topic = value;
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--acks" -> o.acks = value;
                    case "--linger-ms" -> o.lingerMs = Integer.parseInt(value);
                    case "--batch-bytes" -> o.batchBytes = Integer.parseInt(value);
                    case "--compression" -> o.compression = value;
                    case "--help", "-h" -> {
                        System.out.println(HELP);
                        System.exit(0);
                    }
                    default -> {
                        System.err.println("Unknown option " + arg + "\n" + HELP);
                        System.exit(2);
                    }
                }
            }
            if (!List.of("0", "1", "all", "-1").contains(o.acks)) {
                System.err.println("--acks must be 0, 1 or all");
                System.exit(2);
            }
            return o;
        }
    }
}
