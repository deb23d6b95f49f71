package io.zhenggai.report.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.store.Generation;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.replay.Replay;
import io.zhenggai.report.replay.Replays;

@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Replay", description = "Rebuild every projection from the event log into a new generation while the "
        + "current one serves, compare the two, and switch")
public class ReplayResource {

    @Inject
    Replays replays;

    @Inject
    Generations generations;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @ConfigProperty(name = "zhenggai.replay.action-wait", defaultValue = "PT2M")
    Duration actionWait;

    /** What to replay. */
    @Schema(name = "StartReplay")
    public record StartReplay(
            @Schema(description = "topic (rectification-events from its beginning) or journal (issue-service's "
                    + "GET /api/journal, when the topic no longer holds everything)", example = "topic") String source,
            @Schema(description = "switch in as soon as it has caught up and equals the live generation; otherwise "
                    + "an operator switches", example = "false") Boolean autoSwitch,
            @Schema(example = "rebuild after the reading_fact change") String note) {
    }

    /** Switching although the comparison found differences needs saying so. */
    @Schema(name = "SwitchReplay")
    public record SwitchReplay(@Schema(example = "false") Boolean acceptDifferences) {
    }

    private static final String PROBLEM = Problem.MEDIA_TYPE;

    @POST
    @Path("/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start a replay into a new generation",
            description = "Answers at once with 202 and the replay's URL; GET it for progress. One replay at a time.")
    @APIResponse(responseCode = "202", description = "started",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "400", description = "unknown source",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a replay is open, or the topic no longer holds every event",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the broker does not answer",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response start(@RequestBody(required = false) StartReplay request) {
        String sourceName = request == null || request.source() == null ? "topic" : request.source().strip();
        Replay.Source source;
        try {
            source = Replay.Source.valueOf(sourceName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("source", "expected topic or journal, not '" + sourceName + "'");
        }
        boolean autoSwitch = request != null && Boolean.TRUE.equals(request.autoSwitch());
        String note = request == null || request.note() == null || request.note().isBlank() ? null
                : Params.text("note", request.note().strip(), 500);
        try {
            Replay replay = replays.start(source, autoSwitch, note);
            return Response.accepted(ReplayView.of(replay))
                    .location(URI.create("/api/admin/replays/" + replay.id())).build();
        } catch (Replays.Refused e) {
            throw ApiException.conflict("source", e.getMessage());
        } catch (org.apache.kafka.common.KafkaException e) {
            // not the caller's fault, and nothing was started
            throw new ApiException(Problem.of("unavailable", "Service unavailable", 503,
                    "the Kafka broker did not answer, so the topic could not be checked: " + e.getMessage(), null));
        }
    }

    @GET
    @Path("/replays")
    @RolesAllowed({Roles.OPERATOR, Roles.OFFICE, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "Every replay, newest first")
    public List<ReplayView> list() {
        return replays.list().stream().map(ReplayView::of).toList();
    }

    @GET
    @Path("/replays/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.OFFICE, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "A replay: state, events done of the target, percent, rate, ETA, comparison")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    public ReplayView get(@PathParam("id") String id) {
        long replay = id(id);
        return replays.find(replay).map(ReplayView::of).orElseThrow(() -> notFound(replay));
    }

    @POST
    @Path("/replays/{id}/compare")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Compare the replay's generation with the live one, at the same point of the log",
            description = "The live intake pauses for the moment it takes (it finishes its batch first). Only once "
                    + "the replay has caught up.")
    @APIResponse(responseCode = "200", description = "compared: see comparison",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "202", description = "still comparing: GET the replay later",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not caught up yet, or no longer open",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response compare(@PathParam("id") String id) {
        long replay = id(id);
        Replay answered = act(replay, Replay.Action.COMPARE, false);
        if (answered.actionResult() != null && answered.actionResult().startsWith(Replay.FAILED)) {
            throw ApiException.conflict("id", "replay " + replay + " could not compare: " + answered.actionResult());
        }
        return respond(answered);
    }

    @POST
    @Path("/replays/{id}/switch")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Switch the replay's generation in, atomically, after comparing it at the same point",
            description = "Refused (409) while the replay has not caught up, and when the comparison finds "
                    + "differences unless acceptDifferences is true (body or query). Reads and the intake move to the "
                    + "new generation in the same transaction; the old one is kept, RETIRED.")
    @APIResponse(responseCode = "200", description = "switched",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "202", description = "still working: GET the replay later",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not caught up, differences not accepted, or no longer open",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @Consumes(MediaType.WILDCARD)
    public Response switchIn(@PathParam("id") String id,
                             @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
                             @QueryParam("acceptDifferences") String acceptQuery,
                             @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                     schema = @Schema(implementation = SwitchReplay.class))) String body) {
        long replay = id(id);
        SwitchReplay request = null;
        if (body != null && !body.isBlank()) {
            try {
                request = json.readValue(body, SwitchReplay.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiException.invalid("acceptDifferences", "the body is not {\"acceptDifferences\": true|false}");
            }
        }
        boolean accept = Params.bool("acceptDifferences", acceptQuery, false) || request != null
                && Boolean.TRUE.equals(request.acceptDifferences());
        Replay answered = act(replay, Replay.Action.SWITCH, accept);
        String result = answered.actionResult();
        if (Replay.DIFFERENCES.equals(result)) {
            throw ApiException.conflict("acceptDifferences", "the replayed generation differs from the live one ("
                    + differences(answered) + "); see the comparison at /api/admin/replays/" + replay
                    + ", and switch with acceptDifferences=true to take it anyway");
        }
        if (result != null && result.startsWith(Replay.FAILED)) {
            throw ApiException.conflict("id", "replay " + replay + " could not switch: " + result);
        }
        return respond(answered);
    }

    @POST
    @Path("/replays/{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Cancel an open replay: its generation is dropped, the live one is untouched")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already switched, cancelled or failed",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public ReplayView cancel(@PathParam("id") String id) {
        long replay = id(id);
        try {
            return replays.cancel(replay).map(ReplayView::of).orElseThrow(() -> notFound(replay));
        } catch (Replays.Refused e) {
            throw ApiException.conflict("id", e.getMessage());
        }
    }

    @GET
    @Path("/generations")
    @RolesAllowed({Roles.OPERATOR, Roles.OFFICE, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "The generations of the projections: the ACTIVE one, any BUILDING, and past ones")
    public List<Generation> generations() {
        return generations.list();
    }

    @DELETE
    @Path("/generations/{number}")
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Operation(summary = "Drop a retired generation's schema to get its disk back (its record stays, with droppedAt)",
            description = "Only a RETIRED generation: the ACTIVE one serves, and a BUILDING one is cancelled through "
                    + "its replay. Dropping one already dropped changes nothing. Waits for any transaction still "
                    + "reading it (one begun before the switch).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Generation.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the generation is not RETIRED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Generation dropGeneration(@PathParam("number") String number) {
        int generation = number(number);
        if (generations.find(generation).isEmpty()) {
            throw ApiException.notFound("number", "no generation " + generation);
        }
        try {
            return generations.dropRetired(generation);
        } catch (IllegalStateException e) {
            throw ApiException.conflict("number", e.getMessage());
        }
    }

    private Replay act(long replay, Replay.Action action, boolean accept) {
        try {
            return replays.request(replay, action, accept, actionWait).orElseThrow(() -> notFound(replay));
        } catch (Replays.Refused e) {
            throw ApiException.conflict("id", e.getMessage());
        }
    }

    private static Response respond(Replay replay) {
        return (replay.requestedAction() != null ? Response.accepted() : Response.ok()).entity(ReplayView.of(replay))
                .build();
    }

    private static String differences(Replay replay) {
        var view = ReplayView.of(replay);
        if (view.comparison() == null) {
            return "no comparison";
        }
        List<String> tables = new java.util.ArrayList<>();
        view.comparison().path("tables").forEach(t -> {
            if (t.path("onlyInLive").asLong() > 0 || t.path("onlyInReplay").asLong() > 0
                    || t.path("liveRows").asLong() != t.path("replayRows").asLong() || t.hasNonNull("note")) {
                tables.add(t.path("table").asText() + ": " + t.path("onlyInLive").asLong() + " rows only live, "
                        + t.path("onlyInReplay").asLong() + " only replayed");
            }
        });
        return String.join("; ", tables);
    }

    private static long id(String id) {
        return positive("id", id, Long.MAX_VALUE, "expected a replay number");
    }

    private static int number(String number) {
        return (int) positive("number", number, Integer.MAX_VALUE, "expected a generation number");
    }

    /** A path parameter that must be a whole number from 1 to {@code max}; else a 400 naming it. */
    private static long positive(String field, String text, long max, String expected) {
        try {
            long value = Long.parseLong(text);
            if (value > 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(field, expected);
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("id", "no replay " + id);
    }
}
