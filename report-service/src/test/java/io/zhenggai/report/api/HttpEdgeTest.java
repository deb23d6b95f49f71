package io.zhenggai.report.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.zhenggai.report.Api;

/**
 * The edges of the HTTP server: metrics only for allowed networks (the test profile allows 127.0.0.1 alone, so that
 * another loopback address plays a caller from elsewhere), CORS only for configured origins, bodies beyond the limit
 * refused with a problem.
 */
@QuarkusTest
class HttpEdgeTest {

    private static final String ORIGIN = "https://dashboard.zhenggai.example";

    @TestHTTPResource("/")
    URI base;

    /** A raw HTTP/1.1 GET from {@code source} (a socket bound there), answering status line and headers and body. */
    private String get(String source, String path) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort(),
                InetAddress.getByName(source), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldServeMetricsToAllowedNetworksOnly() throws Exception {
        assertThat(get("127.0.0.1", "/q/metrics")).startsWith("HTTP/1.1 200").contains("zhenggai_intake");
        String refused = get("127.0.0.2", "/q/metrics");
        assertThat(refused).startsWith("HTTP/1.1 403").contains("application/problem+json")
                .contains("metrics-forbidden").doesNotContain("zhenggai_intake");
        assertThat(get("127.0.0.2", "/q/metrics/")).startsWith("HTTP/1.1 403");
        assertThat(get("127.0.0.2", "/q/./metrics")).doesNotContain("zhenggai_intake");
        assertThat(get("127.0.0.2", "//q/metrics")).doesNotContain("zhenggai_intake");
        // health and the API document stay open to everyone
        assertThat(get("127.0.0.2", "/q/health")).startsWith("HTTP/1.1 200");
        assertThat(get("127.0.0.2", "/q/openapi")).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldAnswerAPreflightFromAConfiguredOriginOnly() {
        RestAssured.given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/indicators").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        RestAssured.given().header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "POST")
                .options("/api/indicators").then().header("Access-Control-Allow-Origin", nullValue());
        // a simple cross-origin read from an unknown origin gets no CORS header: the browser withholds the answer
        Api.given().header("Origin", "https://attacker.example").get("/api/reports/summary").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void shouldRefuseABodyBeyondTheLimitWithAProblem() {
        String huge = "{\"code\": \"big.one\", \"name\": \"" + "大".repeat(40_000) + "\"}";
        Api.given().contentType("application/json").body(huge).post("/api/indicators").then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(413)).body("errors[0].field", equalTo("body"));
        Api.given().get("/api/indicators/big.one").then().statusCode(404);
        // a body without a declared length (chunked) is refused before it is read: its size is unknown
        byte[] chunked = huge.getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            base.resolve("/api/indicators")).version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Api.token())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(chunked))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(Problem.MEDIA_TYPE));
        assertThat(response.body()).contains("\"field\":\"Content-Length\"");
        Api.given().get("/api/indicators/big.one").then().statusCode(404);
    }
}
