package io.zhenggai.issue.supervision;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP receiver on the loopback (the JDK's HttpServer) that stands for the offices' group robots, and the
 * webhooks configured to it: 企业微信 (text), 钉钉 (markdown, 加签), 飞书 (text, 签名) for the unit
 * {@link #UNIT}, and a generic receiver for {@link #RETRY_UNIT} that answers 503 twice before it takes a delivery.
 * {@code GET /_received} lists what it took (the tests read it over HTTP: a test resource's statics may live in
 * another class loader than the test's).
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public static final String UNIT = "督办测试局";
    public static final String RETRY_UNIT = "重试测试局";
    public static final Map<String, String> SECRETS = Map.of("wecom", "wecom-secret", "ding", "SEC-ding-secret",
            "feishu", "feishu-secret", "flaky", "flaky-secret");

    /** One request as it arrived. */
    public record Received(String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", WebhookReceiver::handle);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.ofEntries(
                Map.entry("zhenggai.webhooks.wecom.url", base + "/wecom?key=robot-key"),
                Map.entry("zhenggai.webhooks.wecom.kind", "WECOM"),
                Map.entry("zhenggai.webhooks.wecom.secret", SECRETS.get("wecom")),
                Map.entry("zhenggai.webhooks.wecom.units", UNIT),
                Map.entry("zhenggai.webhooks.ding.url", base + "/ding?access_token=robot-token"),
                Map.entry("zhenggai.webhooks.ding.kind", "DINGTALK"),
                Map.entry("zhenggai.webhooks.ding.format", "MARKDOWN"),
                Map.entry("zhenggai.webhooks.ding.secret", SECRETS.get("ding")),
                Map.entry("zhenggai.webhooks.ding.units", UNIT),
                Map.entry("zhenggai.webhooks.ding.levels", "YELLOW,RED,URGE"),
                Map.entry("zhenggai.webhooks.feishu.url", base + "/feishu"),
                Map.entry("zhenggai.webhooks.feishu.kind", "FEISHU"),
                Map.entry("zhenggai.webhooks.feishu.secret", SECRETS.get("feishu")),
                Map.entry("zhenggai.webhooks.feishu.units", UNIT),
                Map.entry("zhenggai.webhooks.flaky.url", base + "/flaky"),
                Map.entry("zhenggai.webhooks.flaky.secret", SECRETS.get("flaky")),
                Map.entry("zhenggai.webhooks.flaky.units", RETRY_UNIT));
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/_received")) { // the tests read what arrived here: they may see another copy of this class
            byte[] all = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(RECEIVED);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, all.length);
            exchange.getResponseBody().write(all);
            exchange.close();
            return;
        }
        int call = CALLS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = path.equals("/flaky") && call <= 2 ? 503 : 200;
        if (status == 200) {
            RECEIVED.add(new Received(path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
        }
        byte[] answer = (path.equals("/feishu") ? "{\"code\":0,\"msg\":\"success\"}"
                : status == 200 ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "busy").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
