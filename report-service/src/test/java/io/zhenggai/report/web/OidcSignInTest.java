package io.zhenggai.report.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.zhenggai.local.test.JwtTestResource;

/**
 * Production sign-in: the authorization-code flow with PKCE against an OpenID Connect provider (a stub on the
 * loopback serving discovery and the token endpoint). The browser is sent to the provider with a state and an S256
 * challenge; back with the code, the service exchanges it with the verifier and keeps the access token as the session,
 * which then opens the pages. A wrong state, or a code the provider refuses, signs nobody in.
 */
@QuarkusTest
class OidcSignInTest {

    static final Provider PROVIDER = Provider.start();

    @Inject
    WebSettings settings;

    @Inject
    ObjectMapper json;

    /** The service as configured with {@code zhenggai.web.oidc.issuer} = the stub (for this test only). */
    @BeforeEach
    void pointAtTheProvider() {
        OidcSignIn withProvider = new OidcSignIn() {
            @Override
            java.util.Optional<String> issuer() {
                return java.util.Optional.of(PROVIDER.base);
            }
        };
        withProvider.settings = settings;
        withProvider.json = json;
        QuarkusMock.installMockForType(withProvider, OidcSignIn.class);
    }

    @Test
    void shouldSignInWithTheCodeFlowAndPkce() {
        RestAssured.given().get("/signin").then().statusCode(200).body(containsString("/signin/oidc"));
        Response start = RestAssured.given().redirects().follow(false).get("/signin/oidc");
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorization = URI.create(start.header("Location"));
        assertThat(authorization.toString()).startsWith(PROVIDER.base + "/auth?");
        Map<String, String> query = query(authorization.getRawQuery());
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "zhenggai")
                .containsEntry("code_challenge_method", "S256").containsKey("state").containsKey("code_challenge");
        assertThat(query.get("redirect_uri")).endsWith("/signin/callback");
        String flow = start.cookie(Cookies.OIDC);
        assertThat(start.header("Set-Cookie")).containsIgnoringCase("HttpOnly").contains("SameSite=Lax");
        PROVIDER.challenge = query.get("code_challenge");

        Response back = RestAssured.given().cookie(Cookies.OIDC, flow).queryParam("state", query.get("state"))
                .queryParam("code", Provider.CODE).get("/signin/callback");
        back.then().statusCode(200).body(containsString("http-equiv=\"refresh\""));
        String session = back.cookie(Cookies.SESSION);
        assertThat(session).isEqualTo(PROVIDER.issued);
        RestAssured.given().cookie(Cookies.SESSION, session).get("/").then().statusCode(200)
                .body(containsString("data-user"));

        Response forged = RestAssured.given().cookie(Cookies.OIDC, flow).queryParam("state", "another")
                .queryParam("code", Provider.CODE).get("/signin/callback");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.cookie(Cookies.SESSION)).isNull();
        Response refused = RestAssured.given().cookie(Cookies.OIDC, flow).queryParam("state", query.get("state"))
                .queryParam("code", "stolen").get("/signin/callback");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.cookie(Cookies.SESSION)).isNull();
        refused.then().body(containsString("身份认证服务拒绝了登录"));
    }

    private static Map<String, String> query(String raw) {
        return Arrays.stream(raw.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }

    /** The provider's two endpoints the flow needs; the token endpoint checks the code and the PKCE verifier. */
    static final class Provider {
        static final String CODE = "the-code";
        final String base;
        volatile String challenge;
        volatile String issued;

        private Provider(String base) {
            this.base = base;
        }

        static Provider start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                Provider provider = new Provider("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/t");
                server.createContext("/realms/t/.well-known/openid-configuration", exchange -> answer(exchange, 200,
                        "{\"issuer\":\"" + provider.base + "\",\"authorization_endpoint\":\"" + provider.base
                                + "/auth\",\"token_endpoint\":\"" + provider.base + "/token\"}"));
                server.createContext("/realms/t/token", exchange -> {
                    Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(),
                            StandardCharsets.UTF_8));
                    boolean ok = "authorization_code".equals(form.get("grant_type")) && CODE.equals(form.get("code"))
                            && "zhenggai".equals(form.get("client_id")) && form.get("code_verifier") != null
                            && OidcSignIn.challenge(form.get("code_verifier")).equals(provider.challenge);
                    if (!ok) {
                        answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code\"}");
                        return;
                    }
                    provider.issued = JwtTestResource.token("oidc-user", "leader");
                    answer(exchange, 200, "{\"access_token\":\"" + provider.issued + "\",\"expires_in\":300}");
                });
                server.start();
                return provider;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void answer(HttpExchange exchange, int status, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }
}
