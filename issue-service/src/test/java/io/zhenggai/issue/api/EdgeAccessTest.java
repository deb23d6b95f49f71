package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What is open at the edge: health, the API description and Swagger UI to anyone, metrics only to the allowed
 * networks, cross-origin access only to the listed origins. Tests allow metrics to 127.0.0.1 only, so a client
 * connecting from 127.0.0.2 (also the loopback on Linux) is an outsider to the filter.
 */
@QuarkusTest
class EdgeAccessTest {

    static final String LISTED_ORIGIN = "https://ledger.example";

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldServeHealthTheApiDescriptionAndMetricsToTheAllowedNetworkWithoutAToken() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void shouldRefuseMetricsToAnyOtherAddressAsAProblem() throws IOException {
        for (String path : new String[]{"/q/metrics", "/q/metrics/", "//q/metrics", "/q/./metrics"}) {
            String answer = get(path, "127.0.0.2");
            assertThat(answer).as(path).startsWith("HTTP/1.1 403");
            assertThat(answer).containsIgnoringCase("content-type: application/problem+json")
                    .contains("https://zhenggai.io/problems/metrics-not-allowed");
        }
        assertThat(get("/q/health", "127.0.0.2")).startsWith("HTTP/1.1 200");
        assertThat(get("/q/metrics", "127.0.0.1")).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldGrantCrossOriginAccessToTheListedOriginOnly() {
        given().header("Origin", LISTED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/issues").then().header("Access-Control-Allow-Origin", equalTo(LISTED_ORIGIN));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/issues").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://elsewhere.example").get("/q/health").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    /** A plain HTTP/1.1 GET from a chosen local address: the whole answer, head and body. */
    private String get(String path, String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", root.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
