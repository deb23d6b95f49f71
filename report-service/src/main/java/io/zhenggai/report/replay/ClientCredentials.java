package io.zhenggai.report.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An access token from an OIDC provider's token endpoint by the client credentials grant (RFC 6749 §4.4): in
 * Keycloak, the client {@code report-service} whose service account has the client role {@code journal-reader}. The
 * client authenticates with HTTP Basic (§2.3.1). The token is kept until shortly before it expires, so a replay
 * reading thousands of journal pages asks the provider once in a while, not for every page.
 */
final class ClientCredentials implements ServiceToken {

    /** The client secret, read when a token is requested (so a rotated secret file is picked up). */
    @FunctionalInterface
    interface Secret {
        String read() throws IOException;
    }

    /** Renew this long before expiry, so a token never expires on its way to the journal. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI tokenUrl;
    private final String clientId;
    private final Secret secret;
    private final String scope;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int requests;

    ClientCredentials(URI tokenUrl, String clientId, Secret secret, String scope, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> current() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            request();
        }
        return Optional.of(token);
    }

    @Override
    public synchronized void refused() {
        token = null;
    }

    /** How many tokens were requested so far. */
    synchronized int requests() {
        return requests;
    }

    private void request() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + encode(scope));
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret.read()))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Instant asked = clock.instant();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        requests++;
        if (response.statusCode() != 200) {
            // the provider's error (invalid_client, unauthorized_client …), never the secret
            throw new IOException("the token endpoint " + tokenUrl + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode accessToken = body.path("access_token");
        if (!accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new IOException("the token endpoint " + tokenUrl + " answered without an access_token");
        }
        token = accessToken.asText();
        // without expires_in, keep it a minute; a short-lived token is renewed at half its life
        long lifetime = body.path("expires_in").canConvertToLong() ? body.path("expires_in").asLong() : 60;
        Duration life = Duration.ofSeconds(Math.max(0, lifetime));
        Duration margin = life.compareTo(MARGIN.multipliedBy(2)) < 0 ? life.dividedBy(2) : MARGIN;
        renewAt = asked.plus(life).minus(margin);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    @Override
    public String toString() {
        return "client credentials of " + clientId + " at " + tokenUrl;
    }
}
