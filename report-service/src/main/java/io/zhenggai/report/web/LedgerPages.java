package io.zhenggai.report.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.zhenggai.report.api.Roles;

/**
 * 台账: the issue table with filters, an issue's page (measures, responsibility, figures, evidence, instructions, its
 * history as a timeline) and the actions the caller's role allows on it. Everything is read from and written to
 * issue-service with the user's own token ({@link IssueService}); issue-service decides, this page only leaves out
 * what the role cannot do. Every change is a form with the page's CSRF token; a refusal is shown on the page.
 */
@Path("/issues")
@Produces(MediaType.TEXT_HTML)
public class LedgerPages {

    static final String[] READERS = {Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER};

    @Inject
    IssueService issues;

    @Inject
    Session session;

    @Inject
    Views views;

    @Inject
    Csrf csrf;

    @Location("ledger.html")
    Template ledger;

    @Location("issue.html")
    Template issue;

    @Location("preview.html")
    Template preview;

    @GET
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    public TemplateInstance list(@QueryParam("inspection") String inspection, @QueryParam("aspect") String aspect,
                                 @QueryParam("category") String category, @QueryParam("unit") String unit,
                                 @QueryParam("leader") String leader, @QueryParam("status") String status,
                                 @QueryParam("warning") String warning, @QueryParam("q") String text,
                                 @QueryParam("page") String page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("inspection", inspection);
        query.put("aspect", aspect);
        query.put("category", category);
        query.put("unit", unit);
        query.put("leader", leader);
        query.put("status", status);
        query.put("warning", warning);
        int number = parsePage(page);
        boolean searching = text != null && !text.isBlank();
        // issue-service has no text search: with one, the page filters the first 500 issues of the other filters
        query.put("page", searching ? 0 : number);
        query.put("size", searching ? 500 : 50);
        IssueService.Answer answer = issues.get(session.rawToken(), "/api/issues", query);
        TemplateInstance view = views.page(ledger, Page.LEDGER, "台账").data("filters", query).data("q", text)
                .data("statuses", List.of("NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "LONG_TERM"))
                .data("warnings", List.of("RED", "YELLOW", "GREEN", "NONE"));
        if (!answer.ok()) {
            return view.data("items", List.of()).data("total", 0).data("error", message(answer)).data("pageNo", 0)
                    .data("next", null).data("previous", null).data("inspections", List.of());
        }
        Map<String, Object> body = issues.map(answer.body());
        List<?> items = (List<?>) body.get("items");
        long total = ((Number) body.get("total")).longValue();
        if (searching) {
            String needle = text.strip();
            items = items.stream().filter(i -> String.valueOf(((Map<?, ?>) i).get("title")).contains(needle)).toList();
            total = items.size();
        }
        String base = "/issues?" + IssueService.queryString(query).replaceFirst("^\\?", "")
                .replaceAll("(^|&)(page|size)=[^&]*", "");
        boolean more = !searching && (long) (number + 1) * 50 < total;
        IssueService.Answer inspections = issues.get(session.rawToken(), "/api/inspections", Map.of());
        return view.data("items", items).data("total", total).data("error", null).data("pageNo", number + 1)
                .data("next", more ? base + "&page=" + (number + 1) : null)
                .data("previous", number > 0 && !searching ? base + "&page=" + (number - 1) : null)
                .data("inspections", inspections.ok() && inspections.body().isArray()
                        ? views.list(inspections.body()) : List.of());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    public Response show(@PathParam("id") String id, @QueryParam("done") String done) {
        return render(id, done == null ? null : DONE.getOrDefault(done, null), null, 200);
    }

    /** The readings issue-service reads from the text, and its checks' warnings, before the unit confirms. */
    @POST
    @Path("/{id}/progress/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    public TemplateInstance preview(@PathParam("id") String id, @RestForm("_csrf") String token,
                                    @RestForm String text, @RestForm String asOf) {
        csrf.check(token);
        IssueService.Answer answer = issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/progress/preview",
                progress(text, asOf), null);
        return preview.data("ok", answer.ok()).data("error", answer.ok() ? null : message(answer))
                .data("found", answer.ok() ? issues.map(answer.body()) : Map.of());
    }

    @POST
    @Path("/{id}/progress")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    public Response progress(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String text,
                             @RestForm String asOf) {
        csrf.check(token);
        return after(id, "progress", issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/progress",
                progress(text, asOf), null));
    }

    @POST
    @Path("/{id}/signature")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.UNIT)
    public Response sign(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String etag,
                         @RestForm String note) {
        csrf.check(token);
        return after(id, "signed", issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/signature",
                body("note", blank(note)), ifMatch(etag)));
    }

    /** 申请销号 (COMPLETE, the lead unit), 销号 (CLOSE) and 退回 (RETURN) by the office, 开始整改 (START). */
    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    public Response transition(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String etag,
                               @RestForm String action, @RestForm String note, @RestForm String back,
                               @RestForm String evidence, @RestForm("evidenceId") List<String> evidenceIds) {
        csrf.check(token);
        if (action == null || !List.of("START", "COMPLETE", "CLOSE", "RETURN").contains(action)) {
            return render(id, null, "未知的操作。", 400);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        switch (action) {
            case "COMPLETE" -> body.put("note", blank(note));
            case "CLOSE" -> body.put("verificationNote", blank(note));
            case "RETURN" -> body.put("reason", blank(note));
            default -> { }
        }
        if (!names(evidence).isEmpty()) {
            body.put("evidence", names(evidence));
        }
        if (evidenceIds != null && !evidenceIds.isEmpty()) {
            body.put("evidenceIds", evidenceIds.stream().map(LedgerPages::uuid).toList());
        }
        IssueService.Answer answer = issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/transitions", body,
                ifMatch(etag));
        if (answer.ok() && "review".equals(back)) {
            return Response.seeOther(URI.create("/review?done=" + action.toLowerCase())).build();
        }
        return after(id, action.toLowerCase(), answer);
    }

    @POST
    @Path("/{id}/extensions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.UNIT)
    public Response extension(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String etag,
                              @RestForm String requestedDeadline, @RestForm String reason) {
        csrf.check(token);
        return after(id, "extension", issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/extensions",
                body("requestedDeadline", blank(requestedDeadline), "reason", blank(reason)), ifMatch(etag)));
    }

    @POST
    @Path("/{id}/extensions/{extensionId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICE)
    public Response decide(@PathParam("id") String id, @PathParam("extensionId") String extensionId,
                           @RestForm("_csrf") String token, @RestForm String etag, @RestForm String decision,
                           @RestForm String note, @RestForm String back) {
        csrf.check(token);
        IssueService.Answer answer = issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/extensions/"
                + uuid(extensionId) + "/decision", body("decision", blank(decision), "note", blank(note)),
                ifMatch(etag));
        if (answer.ok() && "review".equals(back)) {
            return Response.seeOther(URI.create("/review?done=decided")).build();
        }
        return after(id, "decided", answer);
    }

    @POST
    @Path("/{id}/instructions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.LEADER)
    public Response instruct(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String text) {
        csrf.check(token);
        return after(id, "instruction", issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/instructions",
                body("text", blank(text)), null));
    }

    @POST
    @Path("/{id}/urge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICE)
    public Response urge(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String message) {
        csrf.check(token);
        return after(id, "urged", issues.post(session.rawToken(), "/api/issues/" + uuid(id) + "/urge",
                body("message", blank(message)), null));
    }

    /** 交办 of one issue from its page (the office); many at once on 审核. */
    @POST
    @Path("/{id}/assignment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICE)
    public Response assign(@PathParam("id") String id, @RestForm("_csrf") String token, @RestForm String etag,
                           @RestForm String leadUnit, @RestForm String coUnits, @RestForm String leaders,
                           @RestForm String deadline, @RestForm String note) {
        csrf.check(token);
        Map<String, Object> item = assignment(uuid(id), etag, leadUnit, coUnits, leaders, deadline, note);
        IssueService.Answer answer = issues.post(session.rawToken(), "/api/issues/assignments",
                Map.of("items", List.of(item)), null);
        if (answer.ok()) {
            // each item has its own answer: a refusal of the one item is a refusal of the form
            var first = answer.body().path("items").path(0);
            if (first.path("status").asInt(200) >= 300) {
                return render(id, null, "交办未成功：" + first.path("problem").path("detail").asText(""), 409);
            }
        }
        return after(id, "assigned", answer);
    }

    /** 上传佐证材料: the file is kept where the upload put it and streamed on to issue-service. */
    @POST
    @Path("/{id}/evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    public Response evidence(@PathParam("id") String id, @RestForm("_csrf") String token,
                             @RestForm("file") FileUpload file, @RestForm String description) {
        csrf.check(token);
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return render(id, null, "请选择要上传的文件。", 400);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (description != null && !description.isBlank()) {
            fields.put("description", description.strip());
        }
        return after(id, "evidence", issues.postFile(session.rawToken(), "/api/issues/" + uuid(id) + "/evidence",
                file.uploadedFile(), file.fileName(), file.contentType() == null ? "application/octet-stream"
                        : file.contentType(), fields));
    }

    static Map<String, Object> assignment(UUID id, String etag, String leadUnit, String coUnits, String leaders,
                                          String deadline, String note) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("issueId", id);
        item.put("ifMatch", etag == null || etag.isBlank() ? "*" : etag.strip());
        item.put("leadUnit", blank(leadUnit));
        item.put("coUnits", names(coUnits));
        item.put("leadLeaders", names(leaders));
        item.put("deadline", blank(deadline));
        item.put("note", blank(note));
        return item;
    }

    private Response after(String id, String done, IssueService.Answer answer) {
        if (answer.ok()) {
            return Response.seeOther(URI.create("/issues/" + uuid(id) + "?done=" + URLEncoder.encode(done,
                    StandardCharsets.UTF_8))).build();
        }
        return render(id, null, message(answer), answer.status() >= 500 ? 502 : answer.status());
    }

    private Response render(String id, String done, String error, int status) {
        UUID issueId = uuid(id);
        String token = session.rawToken();
        IssueService.Answer answer = issues.get(token, "/api/issues/" + issueId, Map.of());
        if (!answer.ok()) {
            return Response.status(answer.status() == 404 ? 404 : answer.status()).type(MediaType.TEXT_HTML)
                    .entity(views.page(issue, Page.LEDGER, "问题").data("issue", null).data("error", message(answer))
                            .data("done", null).data("history", List.of()).data("evidence", List.of())
                            .data("can", Map.of()).data("etag", "").render()).build();
        }
        Map<String, Object> data = issues.map(answer.body());
        IssueService.Answer history = issues.get(token, "/api/issues/" + issueId + "/history", Map.of());
        IssueService.Answer evidence = issues.get(token, "/api/issues/" + issueId + "/evidence", Map.of());
        List<Object> timeline = history.ok() ? new ArrayList<>(views.list(history.body())) : new ArrayList<>();
        java.util.Collections.reverse(timeline);
        String etag = String.valueOf(data.get("sequence"));
        return Response.status(status).type(MediaType.TEXT_HTML).entity(views.page(issue, Page.LEDGER,
                        String.valueOf(data.get("title"))).data("issue", data).data("error", error).data("done", done)
                .data("history", timeline).data("evidence", evidence.ok() ? views.list(evidence.body()) : List.of())
                .data("can", abilities(data)).data("etag", etag).render()).build();
    }

    /** What the page offers this caller on this issue; issue-service has the last word on each. */
    Map<String, Boolean> abilities(Map<String, Object> issue) {
        String status = String.valueOf(issue.get("status"));
        boolean open = status.equals("NOT_STARTED") || status.equals("IN_PROGRESS");
        List<?> units = issue.get("responsibleUnits") instanceof List<?> l ? l : List.of();
        Object leadUnit = issue.get("leadUnit");
        Map<?, ?> assignment = issue.get("assignment") instanceof Map<?, ?> m ? m : null;
        boolean assigned = assignment != null;
        boolean signed = assigned && "SIGNED".equals(assignment.get("state"));
        boolean mine = session.units().stream().anyMatch(units::contains);
        boolean lead = leadUnit != null && session.units().contains(leadUnit.toString());
        Object awaiting = issue.get("awaitingDecision");
        List<?> leaders = issue.get("leadLeaders") instanceof List<?> l ? l : List.of();
        Map<String, Boolean> can = new LinkedHashMap<>();
        boolean unit = session.isUnit() && mine;
        can.put("sign", session.isUnit() && lead && assigned && !signed);
        can.put("report", (session.isOffice() || (unit && (!assigned || signed))) && !status.equals("CLOSED"));
        can.put("evidence", (session.isOffice() || unit) && !status.equals("CLOSED"));
        can.put("complete", session.isUnit() && lead && (!assigned || signed) && open && awaiting == null);
        can.put("extend", session.isUnit() && lead && signed && open && issue.get("deadline") != null
                && awaiting == null);
        can.put("assign", session.isOffice() && !status.equals("CLOSED") && !"EXTENSION".equals(awaiting));
        can.put("urge", session.isOffice() && !units.isEmpty() && !status.equals("CLOSED"));
        can.put("decideCompletion", session.isOffice() && status.equals("COMPLETED"));
        can.put("decideExtension", session.isOffice() && "EXTENSION".equals(awaiting));
        can.put("instruct", session.isLeader() && leaders.contains(session.name()));
        can.put("any", can.values().stream().anyMatch(Boolean::booleanValue));
        return can;
    }

    static final Map<String, String> DONE = Map.of(
            "progress", "进展已提交。", "signed", "已签收。", "complete", "已申请销号，等待整改办审核。",
            "close", "已销号。", "return", "已退回。", "extension", "延期申请已提交。", "decided", "已审批延期申请。",
            "instruction", "批示已添加。", "urged", "已催办。", "assigned", "已交办。");

    /** issue-service's refusal, in words the user can act on. */
    static String message(IssueService.Answer answer) {
        String detail = answer.problem();
        return switch (answer.status()) {
            case 400, 422 -> "输入有误：" + detail;
            case 401 -> "登录已过期，请重新登录。";
            case 403 -> "您无权执行此操作：" + detail;
            case 404 -> "找不到该问题，或它不属于您的单位。";
            case 409 -> "当前状态不允许此操作：" + detail;
            case 412, 428 -> "该问题刚刚有了更新，请刷新页面后重试。";
            case 413 -> "文件太大（最大 50 MB）。";
            case 415 -> "不支持的文件类型：" + detail;
            default -> "整改台账服务暂时无法处理（" + answer.status() + "）：" + detail;
        };
    }

    private static Map<String, Object> progress(String text, String asOf) {
        return body("text", text == null ? "" : text, "asOf", blank(asOf));
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                body.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return body;
    }

    static String ifMatch(String etag) {
        return etag == null || etag.isBlank() ? null : "\"" + etag.strip().replace("\"", "") + "\"";
    }

    static List<String> names(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[、,，;；\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 0 : Math.max(0, Math.min(10_000, Integer.parseInt(page)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
