package io.zhenggai.report.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenID Connect sign-in for production, the authorization-code flow with PKCE (S256) for a public client, written
 * over the JDK's HttpClient: the browser is sent to the provider's authorization endpoint with a random state and
 * code challenge (kept in a short-lived HttpOnly cookie), comes back with a code, and the code is exchanged here for
 * the access token that both services verify (issuer, audience {@code zhenggai}, RS256 from the provider's JWKS).
 * On with {@code zhenggai.web.oidc.issuer}.
 */
@ApplicationScoped
public class OidcSignIn {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WebSettings settings;

    @Inject
    ObjectMapper json;

    private volatile JsonNode discovery;

    /** Where the provider's sign-in started: state and PKCE verifier, as the cookie holds them. */
    public record Started(URI authorization, String cookie) {
    }

    /** What the code bought: the access token and how long it lasts. */
    public record Tokens(String accessToken, Duration lifetime) {
    }

    /** The provider refused or could not be reached; the user is told, in Chinese. */
    public static final class SignInFailed extends RuntimeException {
        public SignInFailed(String message) {
            super(message);
        }
    }

    public boolean enabled() {
        return issuer().isPresent();
    }

    /** The provider's issuer ({@code zhenggai.web.oidc.issuer}); sign-in by OIDC is off without one. */
    java.util.Optional<String> issuer() {
        return settings.oidc().issuer();
    }

    public Started start(String baseUrl) {
        String state = random();
        String verifier = random() + random();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.oidc().clientId());
        query.put("redirect_uri", redirectUri(baseUrl));
        query.put("scope", "openid profile");
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        URI authorization = URI.create(endpoint("authorization_endpoint") + "?" + form(query));
        return new Started(authorization, state + "." + verifier);
    }

    /** Exchanges the code, after checking that the state is the one this browser was sent away with. */
    public Tokens finish(String baseUrl, String cookie, String state, String code) {
        if (cookie == null || state == null || code == null || !cookie.contains(".")) {
            throw new SignInFailed("登录已过期，请重新登录。");
        }
        String expected = cookie.substring(0, cookie.indexOf('.'));
        String verifier = cookie.substring(cookie.indexOf('.') + 1);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                state.getBytes(StandardCharsets.US_ASCII))) {
            throw new SignInFailed("登录状态不符，请重新登录。");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri(baseUrl));
        body.put("client_id", settings.oidc().clientId());
        body.put("code_verifier", verifier);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint("token_endpoint")))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(response.body());
            if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
                throw new SignInFailed("身份认证服务拒绝了登录：" + answer.path("error_description")
                        .asText(answer.path("error").asText(String.valueOf(response.statusCode()))));
            }
            return new Tokens(answer.get("access_token").asText(),
                    Duration.ofSeconds(answer.path("expires_in").asLong(300)));
        } catch (IOException e) {
            throw new SignInFailed("无法连接身份认证服务：" + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailed("登录被中断。");
        }
    }

    private String redirectUri(String baseUrl) {
        return settings.oidc().redirectUri().orElse(baseUrl + "/signin/callback");
    }

    private String endpoint(String name) {
        JsonNode configuration = discovery;
        if (configuration == null) {
            String issuer = issuer().orElseThrow();
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                                issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new SignInFailed("身份认证服务的配置无法读取（" + response.statusCode() + "）。");
                }
                configuration = json.readTree(response.body());
                discovery = configuration;
            } catch (IOException e) {
                throw new SignInFailed("无法连接身份认证服务：" + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SignInFailed("登录被中断。");
            }
        }
        String url = configuration.path(name).asText("");
        if (url.isEmpty()) {
            throw new SignInFailed("身份认证服务的配置缺少 " + name + "。");
        }
        return url;
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
