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
 * The service's token verification goes through {@link VerifiedTokens}: a token it accepted once is remembered, and
 * every forged token is refused whether or not a genuine one was remembered before it.
 */
@QuarkusTest
class RememberedTokensTest {

    @Inject
    JWTParser parser;

    @Test
    void shouldRememberAVerifiedTokenAndStillRefuseEveryForgery() {
        VerifiedTokens tokens = (VerifiedTokens) ClientProxy.unwrap(parser);
        String token = JwtTestResource.token("remembered-" + System.nanoTime(), "viewer");
        assertThat(tokens.remembers(token)).isFalse();
        for (int i = 0; i < 2; i++) {
            RestAssured.given().auth().oauth2(token).get("/api/reports/summary").then().statusCode(200);
            assertThat(tokens.remembers(token)).isTrue();
        }
        for (JwtTestResource.Forgery forgery : JwtTestResource.Forgery.values()) {
            String forged = JwtTestResource.forged(forgery);
            RestAssured.given().auth().oauth2(forged).get("/api/reports/summary").then().statusCode(401);
            assertThat(tokens.remembers(forged)).as(forgery.name()).isFalse();
        }
    }
}
