package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.restassured.RestAssured;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.zhenggai.local.test.JwtTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's token verification goes through {@link CachingJwtParser} (issue-service's, copied: the services share
 * no code): a token it accepted once is kept, and every forged token is refused and not kept.
 */
@QuarkusTest
class RememberedTokensTest {

    @Inject
    JWTParser parser;

    @Test
    void shouldRememberAVerifiedTokenAndStillRefuseEveryForgery() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(CachingJwtParser.class);
        CachingJwtParser tokens = (CachingJwtParser) ClientProxy.unwrap(parser);
        String token = JwtTestResource.token("remembered-" + System.nanoTime(), "viewer");
        int before = tokens.size();
        for (int i = 0; i < 2; i++) {
            RestAssured.given().auth().oauth2(token).get("/api/reports/summary").then().statusCode(200);
            assertThat(tokens.size()).as("kept once").isEqualTo(before + 1);
        }
        for (JwtTestResource.Forgery forgery : JwtTestResource.Forgery.values()) {
            RestAssured.given().auth().oauth2(JwtTestResource.forged(forgery)).get("/api/reports/summary").then()
                    .statusCode(401);
            assertThat(tokens.size()).as(forgery.name() + " not kept").isEqualTo(before + 1);
        }
    }
}
