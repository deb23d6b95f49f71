package io.zhenggai.report;

import java.time.Duration;
import java.util.List;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.local.test.JwtTestResource;

/** Test callers with bearer tokens. */
public final class Api {

    /** The subject of {@link #given()}'s token: the author of what the tests write. */
    public static final String STAFF = "test-staff";

    private Api() {
    }

    /**
     * A caller who may do everything (roles office and operator): for the tests of what the service does, not of
     * who may ask ({@code AuthorizationMatrixTest} is about that).
     */
    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(token());
    }

    /** The bearer token of {@link #given()}, for a request specification built elsewhere. */
    public static String token() {
        return JwtTestResource.keys().token(STAFF, "测试人员", List.of("office", "operator"), List.of(),
                Duration.ofHours(1));
    }

    /** A caller with one role (and, for {@code unit}, its units). */
    public static RequestSpecification as(String subject, String role, String... units) {
        return RestAssured.given().auth().oauth2(JwtTestResource.token(subject, role, units));
    }

    /** No token at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
