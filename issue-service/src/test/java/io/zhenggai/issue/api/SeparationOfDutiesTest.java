package io.zhenggai.issue.api;

import static io.zhenggai.issue.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.zhenggai.issue.Api;
import io.zhenggai.local.test.JwtTestResource;

/** Closing (销号) is verification: not by whoever reported the completion, and never by a unit. */
@QuarkusTest
class SeparationOfDutiesTest {

    static final String CLOSE = """
            {"action": "CLOSE", "verificationNote": "核验通过", "evidence": ["核验报告.pdf"]}""";

    static String completedBy(String role, String subject) {
        String issue = Api.issue(Api.inspection(), null);
        String token = JwtTestResource.token(subject, role, "党政办公室");
        RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"text\": \"已整改\"}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(201);
        RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "2")
                .body("{\"action\": \"COMPLETE\", \"note\": \"已整改到位\"}").post("/api/issues/" + issue + "/transitions")
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        return issue;
    }

    @Test
    void shouldNotLetWhoeverReportedCompletionCloseIt() {
        String issue = completedBy("office", "clerk-li");
        as("clerk-li", "office").header("If-Match", "3").body(CLOSE).post("/api/issues/" + issue + "/transitions")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/separation-of-duties"))
                .body("detail", containsString("clerk-li"));
        as("verifier-wang", "office").header("If-Match", "3").body(CLOSE).post("/api/issues/" + issue + "/transitions")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
    }

    @Test
    void shouldNeverLetAUnitCloseNotEvenOneItDidNotComplete() {
        String issue = completedBy("unit", "unit-reporter");
        RestAssured.given().auth().oauth2(JwtTestResource.token("another-unit-user", "unit", "党政办公室"))
                .contentType(ContentType.JSON).header("If-Match", "3").body(CLOSE)
                .post("/api/issues/" + issue + "/transitions")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/close-not-permitted"));
        as("verifier-zhao", "office").header("If-Match", "3").body(CLOSE).post("/api/issues/" + issue + "/transitions")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
    }

    @Test
    void shouldAskAgainForAnotherVerifierAfterAReturnAndANewCompletion() {
        String issue = completedBy("office", "clerk-sun");
        as("verifier-qian", "office").header("If-Match", "3").body("{\"action\": \"RETURN\", \"reason\": \"证据不足\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        as("verifier-qian", "office").header("If-Match", "4").body("{\"action\": \"COMPLETE\", \"note\": \"已整改到位\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        as("verifier-qian", "office").header("If-Match", "5").body(CLOSE).post("/api/issues/" + issue + "/transitions")
                .then().statusCode(403);
        as("clerk-sun", "office").header("If-Match", "5").body(CLOSE).post("/api/issues/" + issue + "/transitions")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
    }
}
