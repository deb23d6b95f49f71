package io.zhenggai.issue.evidence;

import static io.restassured.RestAssured.given;
import static io.zhenggai.issue.Api.office;
import static io.zhenggai.issue.evidence.Files.DOCX;
import static io.zhenggai.issue.evidence.Files.PDF;
import static io.zhenggai.issue.evidence.Files.XLSX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.api.Problem;
import io.zhenggai.local.test.JwtTestResource;

/**
 * Evidence (佐证材料), as issue 12 asks for it:
 * <pre>
 *   upload → download          byte-identical, the same SHA-256 (also the ETag), attachment with filename*
 *   the same bytes twice       two evidence records, one stored copy
 *   bytes not of their type    422 naming the body; nothing stored, nothing journaled
 *   a type not accepted        415 naming Content-Type, before the body is read
 *   over the limit, declared   413 before a byte is sent (Expect: 100-continue)
 *   referred to by id          progress, COMPLETE and CLOSE carry {id, name, mediaType, size, sha256}
 *   who                        office and the issue's unit upload; readers download; another unit gets 404
 * </pre>
 * The heap while large files stream is {@code EvidenceHeapTest}'s.
 */
@QuarkusTest
class EvidenceTest {

    static final String UNIT = "党政办公室";

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI root;

    static RequestSpecification as(String subject, String role, String... units) {
        return given().auth().oauth2(JwtTestResource.token(subject, role, units));
    }

    static ExtractableResponse<Response> upload(RequestSpecification as, String issue, String type, String name,
                                                byte[] bytes) {
        return as.contentType(type).header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .body(bytes).post("/api/issues/" + issue + "/evidence").then().extract();
    }

    static String uploaded(String issue, String type, String name, byte[] bytes) {
        ExtractableResponse<Response> answer = upload(office(), issue, type, name, bytes);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(201);
        return answer.path("id");
    }

    @Test
    void shouldGiveBackTheSameBytesUnderTheSameHash() {
        String issue = Api.issue(Api.inspection(), null);
        byte[] file = Files.pdf(3 * PostgresEvidenceStore.CHUNK + 12_345, 7);
        String name = "整改报告（第一批）\"终稿\".pdf";
        ExtractableResponse<Response> created = upload(office(), issue, PDF, name, file);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/issues/" + issue + "/evidence/" + id);
        assertThat((String) created.path("name")).isEqualTo(name);
        assertThat((String) created.path("mediaType")).isEqualTo(PDF);
        assertThat(((Number) created.path("size")).longValue()).isEqualTo(file.length);
        assertThat((String) created.path("sha256")).isEqualTo(Files.sha256(file));
        assertThat((String) created.path("uploadedBy")).isEqualTo("office-clerk");

        ExtractableResponse<Response> download = as("viewer", "viewer").get("/api/issues/" + issue + "/evidence/" + id)
                .then().statusCode(200).extract();
        assertThat(download.asByteArray()).isEqualTo(file);
        assertThat(download.contentType()).isEqualTo(PDF);
        assertThat(download.header("ETag")).isEqualTo("\"" + Files.sha256(file) + "\"");
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(file.length));
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"evidence.pdf\"; "
                + "filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%EF%BC%88%E7%AC%AC%E4%B8%80%E6%89%B9%EF%BC%89"
                + "%22%E7%BB%88%E7%A8%BF%22.pdf");

        as("viewer", "viewer").header("If-None-Match", download.header("ETag"))
                .get("/api/issues/" + issue + "/evidence/" + id).then().statusCode(304);
        as("viewer", "viewer").get("/api/issues/" + issue + "/evidence").then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("[0].sha256", equalTo(Files.sha256(file)));

        Map<String, Object> event = office().get("/api/issues/" + issue + "/history").then()
                .statusCode(200).extract().path("find { it.type == 'zhenggai.issue.evidence-added.v1' }");
        assertThat(event).isNotNull();
        assertThat(((Map<?, ?>) event.get("data")).get("evidence")).isEqualTo(Map.of("id", id, "name", name,
                "mediaType", PDF, "size", file.length, "sha256", Files.sha256(file)));
        assertThat(event.get("sequence")).isEqualTo(2);
        office().get("/api/issues/" + issue).then().header("ETag", "\"2\"");
    }

    @Test
    void shouldKeepTheSameBytesOnceForEveryUpload() throws SQLException {
        String first = Api.issue(Api.inspection(), null);
        String second = Api.issue(Api.inspection(), null);
        byte[] file = Files.pdf(PostgresEvidenceStore.CHUNK + 1, 11);
        String a = uploaded(first, PDF, "a.pdf", file);
        String b = uploaded(second, PDF, "b.pdf", file);
        String c = uploaded(first, PDF, "a-again.pdf", file);
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
        assertThat(count("SELECT count(*) FROM evidence WHERE sha256 = '" + Files.sha256(file) + "'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM evidence_blob WHERE sha256 = '" + Files.sha256(file) + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM evidence_chunk c JOIN evidence_blob b ON b.id = c.blob_id "
                + "WHERE b.sha256 = '" + Files.sha256(file) + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM evidence_chunk c WHERE NOT EXISTS "
                + "(SELECT 1 FROM evidence_blob b WHERE b.id = c.blob_id)")).as("orphan chunks").isZero();
        as("viewer", "viewer").get("/api/issues/" + second + "/evidence/" + b).then().statusCode(200)
                .header("Content-Disposition", containsString("filename=\"b.pdf\""));
    }

    @Test
    void shouldKeepOneCopyWhenTheSameBytesArriveAtOnce() throws Exception {
        String issue = Api.issue(Api.inspection(), null);
        byte[] file = Files.pdf(2 * PostgresEvidenceStore.CHUNK + 5, 13);
        List<java.util.concurrent.CompletableFuture<Integer>> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "copy-" + i + ".pdf";
            uploads.add(java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    upload(office(), issue, PDF, name, file).statusCode()));
        }
        for (var upload : uploads) {
            assertThat(upload.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(201);
        }
        String sha = Files.sha256(file);
        assertThat(count("SELECT count(*) FROM evidence WHERE sha256 = '" + sha + "'")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM evidence_blob WHERE sha256 = '" + sha + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM evidence_chunk c WHERE NOT EXISTS "
                + "(SELECT 1 FROM evidence_blob b WHERE b.id = c.blob_id)")).as("orphan chunks").isZero();
        office().get("/api/issues/" + issue).then().header("ETag", "\"5\""); // four events, no gap
    }

    @Test
    void shouldAcceptEveryKnownTypeByItsBytes() {
        String issue = Api.issue(Api.inspection(), null);
        Map<String, byte[]> files = Map.of(
                PDF, Files.pdf(1000, 3),
                "image/png", Files.png(),
                "image/jpeg", Files.jpeg(),
                "image/gif", Files.gif(),
                "image/webp", Files.webp(),
                DOCX, Files.docx(),
                XLSX, Files.xlsx(),
                "application/msword", Files.ole2("Root Entry", "WordDocument", "1Table"),
                "application/vnd.ms-excel", Files.ole2("Root Entry", "Workbook"));
        files.forEach((type, bytes) -> {
            ExtractableResponse<Response> answer = upload(office(), issue, type + "; charset=binary", "f", bytes);
            assertThat(answer.statusCode()).as(type + ": " + answer.asString()).isEqualTo(201);
            assertThat((String) answer.path("mediaType")).isEqualTo(type);
        });
        office().get("/api/issues/" + issue + "/evidence").then().body("$", hasSize(files.size()));
    }

    @Test
    void shouldRefuseBytesThatAreNotOfTheirDeclaredTypeAndStoreNothing() throws SQLException {
        String issue = Api.issue(Api.inspection(), null);
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("a PNG declared a PDF", new Object[]{PDF, Files.png(), "a PNG image"});
        cases.put("text declared a JPEG", new Object[]{"image/jpeg", "hello, world".getBytes(), "text"});
        cases.put("an .xlsx declared a .docx", new Object[]{DOCX, Files.xlsx(), "without the part word/"});
        cases.put("a plain ZIP declared an .xlsx", new Object[]{XLSX, Files.zip("a.txt", "x"),
                "without the part [Content_Types].xml"});
        cases.put("an .xls declared a .doc", new Object[]{"application/msword", Files.ole2("Workbook"),
                "without a WordDocument stream"});
        cases.put("a .docx declared a .doc", new Object[]{"application/msword", Files.docx(), "a ZIP archive"});
        cases.put("an executable declared a PDF", new Object[]{PDF, "MZ\u0090\u0000 this program".getBytes(),
                "a Windows executable"});
        cases.put("a PDF of three bytes", new Object[]{PDF, "%PD".getBytes(), "text"});
        long[] before = stored();
        cases.forEach((label, c) -> {
            ExtractableResponse<Response> answer = upload(office(), issue, (String) c[0], "x", (byte[]) c[1]);
            assertThat(answer.statusCode()).as(label + ": " + answer.asString()).isEqualTo(422);
            assertThat(answer.contentType()).startsWith(Problem.MEDIA_TYPE);
            assertThat((String) answer.path("type")).endsWith("/evidence-type-mismatch");
            assertThat((String) answer.path("errors[0].field")).isEqualTo("body");
            assertThat((String) answer.path("detail")).as(label).contains((String) c[2]);
        });
        upload(office(), issue, PDF, "empty.pdf", new byte[0]).response().then().statusCode(422)
                .body("errors[0].field", equalTo("body")).body("type", containsString("empty-file"));
        assertThat(stored()).as("evidence, blobs, chunks, journal").isEqualTo(before);
    }

    @Test
    void shouldRefuseATypeThatIsNotAcceptedBeforeReadingTheBody() throws SQLException {
        String issue = Api.issue(Api.inspection(), null);
        long[] before = stored();
        for (String type : List.of("text/plain", "application/zip", "application/octet-stream", "text/html",
                "image/svg+xml", "application/json")) {
            upload(office(), issue, type, "x", "x".getBytes()).response().then().statusCode(415)
                    .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("Content-Type"));
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAFileDeclaredOverTheLimitBeforeItIsSent() throws Exception {
        String issue = Api.issue(Api.inspection(), null);
        long size = 60L * 1024 * 1024;
        for (boolean expectContinue : new boolean[]{true, false}) {
            Files.Generated file = new Files.Generated(size, 1);
            RawHttp.Answer answer = RawHttp.send(root, "POST", "/api/issues/" + issue + "/evidence?name=big.pdf",
                    Map.of("Authorization", "Bearer " + JwtTestResource.token("office-clerk", "office"),
                            "Content-Type", PDF), file, size, expectContinue);
            assertThat(answer.status()).as(answer.text()).isEqualTo(413);
            assertThat(answer.headers().get("content-type")).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(answer.text()).contains("\"field\":\"body\"").contains(String.valueOf(size));
            assertThat(answer.saysClose()).isTrue();
            if (expectContinue) {
                assertThat(answer.continued()).as("the server asked for the body").isFalse();
                assertThat(file.position()).as("bytes sent").isZero();
            }
        }
    }

    @Test
    void shouldRefuseAStreamedFileAtTheLimitAndStoreNothing() throws Exception {
        String issue = Api.issue(Api.inspection(), null);
        long[] before = stored();
        long size = 60L * 1024 * 1024;
        Files.Generated file = new Files.Generated(size, 2);
        RawHttp.Answer answer = RawHttp.send(root, "POST", "/api/issues/" + issue + "/evidence?name=big.pdf",
                Map.of("Authorization", "Bearer " + JwtTestResource.token("office-clerk", "office"),
                        "Content-Type", PDF), file, -1, true);
        assertThat(answer.status()).as(answer.text()).isEqualTo(413);
        assertThat(answer.headers().get("content-type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.text()).contains("\"field\":\"body\"");
        assertThat(answer.saysClose()).as("the rest of the body is not read").isTrue();
        assertThat(file.position()).as("bytes sent").isLessThan(size);
        assertThat(stored()).as("evidence, blobs, chunks, journal").isEqualTo(before);
    }

    @Test
    void shouldCarryEvidenceReferredToByIdInReportsAndSteps() {
        String issue = Api.issue(Api.inspection(), null);
        byte[] report = Files.pdf(2000, 21);
        byte[] sheet = Files.xlsx();
        String r = uploaded(issue, PDF, "核查报告.pdf", report);
        String s = uploaded(issue, XLSX, "台账.xlsx", sheet);
        String elsewhere = uploaded(Api.issue(Api.inspection(), null), PDF, "other.pdf", Files.pdf(100, 1));

        office().contentType(ContentType.JSON).body("{\"text\": \"已完成整改\", \"evidenceIds\": [\"" + r + "\", \"" + s
                        + "\", \"" + r + "\"]}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(201)
                .body("progress[0].attachments.id", equalTo(List.of(r, s)));
        office().body("{\"text\": \"x\", \"evidenceIds\": [\"" + r + "\", \"" + elsewhere + "\"]}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("evidenceIds[1]"));
        office().body("{\"text\": \"x\", \"evidenceIds\": [\"00000000-0000-0000-0000-000000000000\"]}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(422)
                .body("errors[0].field", equalTo("evidenceIds[0]"));
        office().get("/api/issues/" + issue).then().body("progress[0].attachments[1].name", equalTo("台账.xlsx"))
                .body("sequence", equalTo(4));

        Api.as("completer", "office").header("If-Match", "4")
                .body("{\"action\": \"COMPLETE\", \"note\": \"已整改\", \"evidenceIds\": [\"" + s + "\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        Api.as("verifier", "office").header("If-Match", "5")
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"核验通过\", \"evidenceIds\": [\"" + r + "\"]}")
                .post("/api/issues/" + issue + "/transitions").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("CLOSED"));

        List<Map<String, Object>> events = office().get("/api/issues/" + issue + "/history").then()
                .extract().path("data");
        Map<String, Object> refOfReport = Map.of("id", r, "name", "核查报告.pdf", "mediaType", PDF,
                "size", report.length, "sha256", Files.sha256(report));
        Map<String, Object> refOfSheet = Map.of("id", s, "name", "台账.xlsx", "mediaType", XLSX,
                "size", sheet.length, "sha256", Files.sha256(sheet));
        assertThat(((Map<?, ?>) events.get(3).get("report")).get("attachments"))
                .isEqualTo(List.of(refOfReport, refOfSheet));
        assertThat(((Map<?, ?>) events.get(4).get("change")).get("attachments")).isEqualTo(List.of(refOfSheet));
        assertThat(((Map<?, ?>) events.get(5).get("change")).get("attachments")).isEqualTo(List.of(refOfReport));
        assertThat(((Map<?, ?>) events.get(5).get("change")).get("evidence")).isEqualTo(List.of());
        assertThat(events.get(0)).as("no attachments, no property").doesNotContainKey("attachments");
    }

    @Test
    void shouldLetWhoMayActUploadAndWhoMayReadDownload() {
        String issue = Api.issue(Api.inspection(), null);
        String other = Api.issue(Api.inspection(), null);
        byte[] file = Files.png();
        ExtractableResponse<Response> byUnit = upload(as("unit-user", "unit", UNIT), issue, "image/png", "现场.png",
                file);
        assertThat(byUnit.statusCode()).as(byUnit.asString()).isEqualTo(201);
        String id = byUnit.path("id");
        assertThat((String) byUnit.path("uploadedBy")).isEqualTo("unit-user");

        upload(as("other-unit", "unit", "经济发展局"), issue, "image/png", "x.png", file).response().then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
        upload(as("viewer", "viewer"), issue, "image/png", "x.png", file).response().then().statusCode(403);
        upload(JwtLeader.as(), issue, "image/png", "x.png", file).response().then().statusCode(403);
        upload(office(), "00000000-0000-0000-0000-000000000000", "image/png", "x.png", file).response().then()
                .statusCode(404);

        for (RequestSpecification reader : List.of(office(), as("viewer", "viewer"), JwtLeader.as(),
                as("unit-user", "unit", UNIT))) {
            reader.get("/api/issues/" + issue + "/evidence/" + id).then().statusCode(200);
            reader.get("/api/issues/" + issue + "/evidence").then().statusCode(200).body("$", hasSize(1));
        }
        as("other-unit", "unit", "经济发展局").get("/api/issues/" + issue + "/evidence/" + id).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        as("other-unit", "unit", "经济发展局").get("/api/issues/" + issue + "/evidence").then().statusCode(404);
        as("op", "operator").get("/api/issues/" + issue + "/evidence/" + id).then().statusCode(403);
        office().get("/api/issues/" + other + "/evidence/" + id).then().statusCode(404); // another issue's path
        given().get("/api/issues/" + issue + "/evidence/" + id).then().statusCode(401);
    }

    @Test
    void shouldTakeTheNameFromTheHeaderOrTheQueryButNotBoth() {
        String issue = Api.issue(Api.inspection(), null);
        byte[] file = Files.gif();
        office().contentType("image/gif").body(file).post("/api/issues/" + issue + "/evidence?name=图 1.gif")
                .then().statusCode(201).body("name", equalTo("图 1.gif"));
        office().contentType("image/gif").header("Content-Disposition", "attachment; filename=\"plain.gif\"")
                .body(file).post("/api/issues/" + issue + "/evidence").then().statusCode(201)
                .body("name", equalTo("plain.gif"));
        office().contentType("image/gif").header("Content-Disposition", "attachment; filename=\"fallback.gif\"; "
                        + "filename*=UTF-8''%E5%9B%BE.gif").body(file).post("/api/issues/" + issue + "/evidence")
                .then().statusCode(201).body("name", equalTo("图.gif"));
        office().contentType("image/gif").header("Content-Disposition", "attachment; filename=a.gif").body(file)
                .post("/api/issues/" + issue + "/evidence?name=b.gif").then().statusCode(422)
                .body("errors[0].field", equalTo("name"));
        office().contentType("image/gif").body(file).post("/api/issues/" + issue + "/evidence").then()
                .statusCode(422).body("errors[0].field", equalTo("name"));
        office().contentType("image/gif").header("Content-Disposition", "attachment; filename=\"../../etc/x.gif\"")
                .body(file).post("/api/issues/" + issue + "/evidence").then().statusCode(422)
                .body("errors[0].field", equalTo("Content-Disposition"));
        office().contentType("image/gif").header("Content-Disposition", "attachment; filename*=UTF-8''a%E2%80%AEfig.exe")
                .body(file).post("/api/issues/" + issue + "/evidence").then().statusCode(422)
                .body("errors[0].field", equalTo("Content-Disposition"))
                .body("errors[0].message", containsString("U+202E"));
    }

    long[] stored() throws SQLException {
        return new long[]{count("SELECT count(*) FROM evidence"), count("SELECT count(*) FROM evidence_blob"),
                count("SELECT count(*) FROM evidence_chunk"), count("SELECT last FROM journal_position")};
    }

    long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A lead leader of the issues {@link Api#issue} makes. */
    static final class JwtLeader {
        static RequestSpecification as() {
            return given().auth().oauth2(JwtTestResource.named("leader-zhang", "张三", "leader"));
        }
    }
}
