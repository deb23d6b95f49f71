package io.zhenggai.report.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * issue-service's API as the web app calls it: every call carries the signed-in user's own token, so issue-service
 * decides what the user may read and do exactly as for any other client (the browser talks to this origin only; no
 * CORS). Answers come back as status, headers and JSON; refusals are shown to the user with issue-service's
 * problem {@code detail}.
 */
@ApplicationScoped
public class IssueService {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "zhenggai.issue-service.url", defaultValue = "http://127.0.0.1:8080")
    String baseUrl;

    @Inject
    ObjectMapper json;

    /** An answer of issue-service: its status, ETag and body (JSON, or null when it sent none). */
    public record Answer(int status, String etag, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's detail (or title) for the user, when issue-service refused. */
        public String problem() {
            if (body == null) {
                return "整改台账服务返回 " + status;
            }
            String detail = body.path("detail").asText("");
            return detail.isBlank() ? body.path("title").asText("整改台账服务返回 " + status) : detail;
        }
    }

    public Answer get(String token, String path, Map<String, ?> query) {
        return send(token, request(path + queryString(query)).GET());
    }

    public Answer post(String token, String path, Object body, String ifMatch) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(token, request);
    }

    public Answer postText(String token, String path, String text) {
        return send(token, request(path).header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    /** A file as multipart/form-data (part {@code file}), streamed from where the upload was stored. */
    public Answer postFile(String token, String path, Path file, String fileName, String contentType,
                           Map<String, String> fields) {
        String boundary = "zhenggai-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n", StandardCharsets.UTF_8)));
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"" + fileName.replace("\"", "'").replace("\r", "").replace("\n", "")
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n", StandardCharsets.UTF_8));
        try {
            parts.add(HttpRequest.BodyPublishers.ofFile(file));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException("the uploaded file is gone: " + file, e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return send(token, request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json, application/problem+json");
    }

    private Answer send(String token, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            if (response.body().length > 0 && response.headers().firstValue("Content-Type").orElse("")
                    .contains("json")) {
                body = json.readTree(response.body());
            }
            return new Answer(response.statusCode(), response.headers().firstValue("ETag").orElse(null), body);
        } catch (IOException e) {
            return new Answer(502, null, json.createObjectNode().put("detail", "无法连接整改台账服务（issue-service）："
                    + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** As a template reads it: maps and lists. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(JsonNode node) {
        return node == null ? Map.of() : json.convertValue(node, LinkedHashMap.class);
    }

    static String queryString(Map<String, ?> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        query.forEach((name, value) -> {
            if (value == null || value.toString().isEmpty()) {
                return;
            }
            for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                out.append(out.length() == 0 ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }
}
