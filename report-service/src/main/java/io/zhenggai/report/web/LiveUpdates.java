package io.zhenggai.report.web;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import io.zhenggai.report.api.Roles;
import io.zhenggai.report.store.ProjectionChanged;

/**
 * Live updates: every open page subscribes to {@code GET /events} (server-sent events, htmx's SSE extension) and is
 * told {@code applied} when the intake has committed a batch of events; the page then fetches its figures again,
 * without a reload. A burst of batches (an import) becomes one message per {@value #COALESCE_MILLIS} ms. The message
 * carries no data (only a counter), so it tells a subscriber nothing its own page would not show.
 */
@Path("/events")
@ApplicationScoped
public class LiveUpdates {

    static final long COALESCE_MILLIS = 200;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "web-live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    public void subscribe(@Context SseEventSink sink, @Context Sse context) {
        broadcaster(context).register(sink);
        sink.send(context.newEventBuilder().name("ready").data(String.valueOf(sent.get())).build());
    }

    void onChanged(@ObservesAsync ProjectionChanged changed) {
        if (broadcaster != null && pending.compareAndSet(false, true)) {
            timer.schedule(this::broadcast, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void broadcast() {
        pending.set(false);
        SseBroadcaster to = broadcaster;
        if (to != null) {
            to.broadcast(sse.newEventBuilder().name("applied").data(String.valueOf(sent.incrementAndGet())).build());
        }
    }

    private synchronized SseBroadcaster broadcaster(Sse context) {
        if (broadcaster == null) {
            sse = context;
            broadcaster = context.newBroadcaster();
        }
        return broadcaster;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}
