package io.zhenggai.report.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An OIDC provider's token endpoint on the loopback, as Keycloak answers the client credentials grant: HTTP Basic
 * client authentication, {@code grant_type=client_credentials} in a form, a JSON answer with {@code access_token} and
 * {@code expires_in}; 401 {@code invalid_client} for other credentials, 400 for another grant.
 */
final class TokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    volatile String accessToken;

    TokenEndpoint(String clientId, String secret, String accessToken, long expiresIn) throws IOException {
        this.accessToken = accessToken;
        String expected = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId,
                StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/zhenggai/protocol/openid-connect/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            String body;
            if (!"POST".equals(exchange.getRequestMethod())
                    || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .startsWith("application/x-www-form-urlencoded")
                    || !form.contains("grant_type=client_credentials")) {
                status = 400;
                body = "{\"error\":\"unsupported_grant_type\"}";
            } else if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                status = 401;
                body = "{\"error\":\"invalid_client\"}";
            } else {
                issued.incrementAndGet();
                status = 200;
                body = "{\"access_token\":\"" + this.accessToken + "\",\"expires_in\":" + expiresIn
                        + ",\"token_type\":\"Bearer\",\"scope\":\"profile\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/realms/zhenggai/protocol/openid-connect/token");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
