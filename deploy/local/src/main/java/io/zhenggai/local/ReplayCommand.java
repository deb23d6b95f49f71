package io.zhenggai.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code deploy/replay}: starts a replay on a running report-service (or follows one), shows its progress on the
 * terminal, prints the comparison with the live generation once it has caught up, and switches when told. The
 * replay runs in the service: interrupting this command leaves it running.
 */
public final class ReplayCommand {

    private static final String USAGE = """
            usage: deploy/replay [--source topic|journal] [--switch | --auto-switch] [--accept-differences]
                                 [--note TEXT] [--url http://127.0.0.1:8090] [--attach ID] [--cancel ID]
                                 [--drop-generation N]
              --source             topic (rectification-events from its beginning, the default) or journal
                                   (issue-service's GET /api/journal, when the topic no longer holds everything)
              --switch             once caught up: compare, and switch if equal (or --accept-differences)
              --auto-switch        the service switches by itself as soon as it has caught up and is equal
              --accept-differences switch even if the comparison finds differences
              --attach ID          follow a replay that is already running instead of starting one
              --cancel ID          cancel a replay (its generation is dropped)
              --drop-generation N  drop the schema of generation N, retired by an earlier switch (frees its disk)
              Without --switch or --auto-switch the replay stays caught up (following the live generation) and
              this command prints the comparison and how to switch.""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    private ReplayCommand(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /**
     * An operator's token: {@code ZHENGGAI_TOKEN} when given (one from the identity provider), otherwise one signed
     * with the local run's key pair, valid for the few hours a replay may take.
     */
    private static String operatorToken() {
        String given = System.getenv("ZHENGGAI_TOKEN");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        java.nio.file.Path keys = java.nio.file.Path.of(System.getProperty("zhenggai.jwt.dir", ".local-data/jwt"));
        return JwtKeys.loadOrCreate(keys).token("deploy-replay", "重放命令 (deploy/replay)", java.util.List.of("operator"),
                java.util.List.of(), Duration.ofHours(6));
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("ZHENGGAI_REPORT_URL", "http://127.0.0.1:"
                + System.getenv().getOrDefault("ZHENGGAI_REPORT_PORT", "8090"));
        String source = "topic";
        String note = null;
        boolean switchIt = false;
        boolean autoSwitch = false;
        boolean accept = false;
        Long attach = null;
        Long cancel = null;
        Integer drop = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> source = value(args, ++i);
                case "--note" -> note = value(args, ++i);
                case "--url" -> url = value(args, ++i);
                case "--switch" -> switchIt = true;
                case "--auto-switch" -> autoSwitch = true;
                case "--accept-differences" -> accept = true;
                case "--attach" -> attach = Long.parseLong(value(args, ++i));
                case "--cancel" -> cancel = Long.parseLong(value(args, ++i));
                case "--drop-generation" -> drop = Integer.parseInt(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        ReplayCommand command = new ReplayCommand(url, operatorToken());
        System.exit(drop != null ? command.drop(drop)
                : command.run(source, note, switchIt, autoSwitch, accept, attach, cancel));
    }

    private int drop(int generation) throws Exception {
        JsonNode answer = call("DELETE", "/api/admin/generations/" + generation, null);
        System.out.printf("Generation %d (%s) dropped at %s%n", generation, answer.path("schema").asText(),
                answer.path("droppedAt").asText());
        return 0;
    }

    private int run(String source, String note, boolean switchIt, boolean autoSwitch, boolean accept, Long attach,
                    Long cancel) throws Exception {
        if (cancel != null) {
            JsonNode answer = call("POST", "/api/admin/replays/" + cancel + "/cancel", null);
            System.out.println("Replay " + cancel + ": " + answer.path("state").asText());
            return 0;
        }
        long id;
        if (attach != null) {
            id = attach;
        } else {
            ObjectNode body = JSON.createObjectNode().put("source", source).put("autoSwitch", autoSwitch);
            if (note != null) {
                body.put("note", note);
            }
            JsonNode started = call("POST", "/api/admin/replays", body);
            id = started.path("id").asLong();
            System.out.printf("Replay %d from the %s into generation %d (%s)%n", id, source,
                    started.path("generation").asInt(), autoSwitch ? "switches by itself when caught up and equal"
                            : switchIt ? "switches once caught up" : "waits for an operator to switch");
        }
        while (true) {
            JsonNode replay = call("GET", "/api/admin/replays/" + id, null);
            String state = replay.path("state").asText();
            progress(replay);
            switch (state) {
                case "SWITCHED" -> {
                    System.out.println();
                    comparison(replay);
                    switched(replay);
                    return 0;
                }
                case "CANCELLED", "FAILED" -> {
                    System.out.println();
                    System.out.println("Replay " + id + " " + state.toLowerCase(Locale.ROOT)
                            + (replay.hasNonNull("error") ? ": " + replay.get("error").asText() : ""));
                    return 1;
                }
                case "CAUGHT_UP" -> {
                    if (replay.path("autoSwitch").asBoolean()) {
                        if ("DIFFERENCES".equals(replay.path("lastResult").asText())) {
                            System.out.println();
                            comparison(replay);
                            System.out.printf("Not switched by itself: the generations differ. Switch anyway with "
                                    + "deploy/replay --attach %d --switch --accept-differences%n", id);
                            return 2;
                        }
                        break; // the service compares and switches
                    }
                    System.out.println();
                    if (!switchIt) {
                        JsonNode compared = call("POST", "/api/admin/replays/" + id + "/compare", null);
                        comparison(compared);
                        System.out.printf("Caught up; it follows the live generation until switched: deploy/replay "
                                + "--attach %d --switch%s%n", id,
                                compared.path("comparison").path("equal").asBoolean() ? "" : " --accept-differences");
                        return 0;
                    }
                    HttpResponse<String> answer = send("POST", "/api/admin/replays/" + id + "/switch"
                            + (accept ? "?acceptDifferences=true" : ""), null);
                    JsonNode after = call("GET", "/api/admin/replays/" + id, null);
                    comparison(after);
                    if (answer.statusCode() == 200) {
                        switched(after);
                        return 0;
                    }
                    System.out.println("Not switched: " + JSON.readTree(answer.body()).path("detail").asText());
                    return 2;
                }
                default -> {
                    // RUNNING, COMPARING: keep showing progress
                }
            }
            Thread.sleep(500);
        }
    }

    private static void switched(JsonNode replay) {
        System.out.printf("Switched: generation %d serves reads and the intake.%n", replay.path("generation").asInt());
        String retired = replay.path("comparison").path("live").asText("");
        if (retired.startsWith("gen_")) {
            System.out.printf("The retired %s keeps its tables until dropped: deploy/replay --drop-generation %s%n",
                    retired, retired.substring(4));
        }
    }

    private static void progress(JsonNode replay) {
        double percent = replay.path("percent").asDouble();
        int width = 30;
        int filled = (int) Math.round(percent / 100 * width);
        String bar = "#".repeat(Math.max(0, Math.min(width, filled))) + ".".repeat(Math.max(0, width - filled));
        String rate = replay.hasNonNull("ratePerSecond") ? String.format("%,.0f/s", replay.get("ratePerSecond")
                .asDouble()) : "-/s";
        String eta = replay.hasNonNull("etaSeconds") ? duration(replay.get("etaSeconds").asLong()) : "-";
        System.out.printf("\r[%s] %5.1f%%  %,d / %,d  %s  ETA %s  %s    ", bar, percent, replay.path("done").asLong(),
                replay.path("target").asLong(), rate, eta, replay.path("state").asText());
        System.out.flush();
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static void comparison(JsonNode replay) {
        JsonNode comparison = replay.path("comparison");
        if (comparison.isMissingNode() || comparison.isNull()) {
            System.out.println("(no comparison)");
            return;
        }
        System.out.printf("Comparison of %s (live) with %s (replayed), %d ms: %s%n", comparison.path("live").asText(),
                comparison.path("replay").asText(), comparison.path("millis").asLong(),
                comparison.path("equal").asBoolean() ? "EQUAL" : "DIFFERENT");
        System.out.printf("  %-24s %12s %12s %12s %12s%n", "table", "live rows", "replayed", "only live",
                "only replayed");
        for (JsonNode table : comparison.path("tables")) {
            System.out.printf("  %-24s %,12d %,12d %,12d %,12d%s%n", table.path("table").asText(),
                    table.path("liveRows").asLong(), table.path("replayRows").asLong(),
                    table.path("onlyInLive").asLong(), table.path("onlyInReplay").asLong(),
                    table.hasNonNull("note") ? "  " + table.get("note").asText() : "");
            table.path("samplesOnlyInLive").forEach(s -> System.out.println("      only live:     " + s.asText()));
            table.path("samplesOnlyInReplay").forEach(s -> System.out.println("      only replayed: " + s.asText()));
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() >= 300) {
            JsonNode problem = null;
            try {
                problem = JSON.readTree(response.body());
            } catch (IOException notJson) {
                // shown raw below
            }
            fail(method + " " + path + " answered " + response.statusCode() + ": "
                    + (problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText() : response.body()));
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(3))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            fail("report-service does not answer at " + base + " (start it with deploy/local/run, or give --url)");
            throw e;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
