package io.zhenggai.report.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.zhenggai.report.intake.EventFailed;
import io.zhenggai.report.intake.Intake;
import io.zhenggai.report.intake.Isolation;
import io.zhenggai.report.projection.DeadlineWarnings;
import io.zhenggai.report.store.Carried;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.Generation;
import io.zhenggai.report.store.SwitchLock;
import io.zhenggai.report.store.SideEffects;

/**
 * Runs replays: each in a worker thread of the process that started it (or took it over after that one died),
 * applying the log into its generation batch by batch, each batch one transaction with its position and progress,
 * never beyond where the live generation stands. Operators' requests (compare, switch) reach the worker through the
 * replay's row, so that any replica can take them.
 * <p>
 * Compare and switch: the worker takes {@link SwitchLock} exclusively (the live intake finishes its batch and waits),
 * applies what the live generation has and it has not yet, compares the two, and, if they are equal or the operator
 * accepted the differences, activates its generation, all in that one transaction. The intake then sees the new
 * generation and continues from its offsets, which are the live ones: nothing is lost or applied twice across the
 * switch.
 */
@ApplicationScoped
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class);

    /** This process, as the owner of the replays it runs. */
    private final String instance = UUID.randomUUID().toString();
    private final Map<Long, Worker> workers = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Inject
    ReplayStore store;

    @Inject
    Generations generations;

    @Inject
    GenerationComparison comparison;

    @Inject
    ReplayApplier applier;

    @Inject
    SwitchLock switchLock;

    @Inject
    SideEffects sideEffects;

    @Inject
    DeadlineWarnings warnings;

    @Inject
    Intake intake;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "zhenggai.topic", defaultValue = "rectification-events")
    String topic;

    @ConfigProperty(name = "zhenggai.replay.max-poll-records", defaultValue = "2000")
    int maxPollRecords;

    @ConfigProperty(name = "zhenggai.replay.stale-seconds", defaultValue = "15")
    int staleSeconds;

    @Inject
    JournalConfig journal;

    private volatile String journalUrl;
    private volatile ServiceToken journalToken;

    /** At startup, so that a journal identity configured wrongly stops the service rather than a later replay. */
    void configureJournal(@Observes StartupEvent event) {
        journalUrl = journal.url().toString();
        journalToken = ServiceToken.of(journal, System.getenv("ZHENGGAI_JOURNAL_CLIENT_SECRET"));
    }

    /** Points later journal replays at another issue-service and identity (tests serve the journal from a stub). */
    void useJournal(String url, ServiceToken token) {
        journalUrl = url;
        journalToken = token;
    }

    /** Why a replay cannot start. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Starts a replay into a new generation; refused while another one is open. */
    public Replay start(Replay.Source source, boolean autoSwitch, String note) {
        store.open().ifPresent(open -> {
            throw new Refused("replay " + open.id() + " is " + open.state() + ": one replay at a time");
        });
        if (source == Replay.Source.TOPIC) {
            Map<TopicPartition, Long> earliest = TopicSource.earliestOffsets(bootstrapServers, topic);
            earliest.forEach((partition, offset) -> {
                if (offset > 0) {
                    throw new Refused("the topic no longer holds every event (partition " + partition.partition()
                            + " begins at offset " + offset + "): replay from the journal");
                }
            });
        }
        long id;
        try {
            id = QuarkusTransaction.requiringNew().call(() -> {
                Generation generation = generations.create("replay from the " + source.name().toLowerCase()
                        + (note == null || note.isBlank() ? "" : ": " + note));
                return store.insert(generation.number(), source, autoSwitch, note, instance);
            });
        } catch (PersistenceException e) {
            // the unique index: another replay was started at the same moment
            throw new Refused("another replay is open: one replay at a time");
        }
        Replay replay = store.find(id).orElseThrow();
        LOG.infof("Replay %d from the %s into generation %d started", id, source, replay.generation());
        launch(replay);
        return replay;
    }

    /** Cancels an open replay: its generation is dropped. Empty if there is no such replay. */
    public Optional<Replay> cancel(long id) {
        Optional<Replay> cancelled = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Replay> replay = store.findLocked(id);
            if (replay.isEmpty()) {
                return Optional.empty();
            }
            if (!replay.get().state().isOpen()) {
                throw new Refused("replay " + id + " is " + replay.get().state() + " and cannot be cancelled");
            }
            generations.cancel(replay.get().generation());
            store.finish(id, Replay.State.CANCELLED, null);
            return store.find(id);
        });
        Worker worker = workers.get(id);
        if (worker != null) {
            worker.stop();
        }
        return cancelled;
    }

    /**
     * Asks the worker to compare (or switch) and waits for its answer up to {@code wait}; the replay as it then is.
     * Refused unless the replay has caught up.
     */
    public Optional<Replay> request(long id, Replay.Action action, boolean acceptDifferences, Duration wait) {
        Optional<Replay> replay = store.find(id);
        if (replay.isEmpty()) {
            return Optional.empty();
        }
        Replay.State state = replay.get().state();
        if (state != Replay.State.CAUGHT_UP) {
            throw new Refused("replay " + id + " is " + state + (state == Replay.State.RUNNING
                    ? ": it has not caught up with the live generation yet (" + replay.get().done() + " of "
                    + replay.get().target() + ")" : ""));
        }
        store.request(id, action, acceptDifferences);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Replay now = store.find(id).orElseThrow();
            if (now.requestedAction() == null || !now.state().isOpen()) {
                return Optional.of(now);
            }
            sleep(100);
        }
        return store.find(id);
    }

    public Optional<Replay> find(long id) {
        return store.find(id);
    }

    public List<Replay> list() {
        return store.list();
    }

    /** Takes over open replays that nobody runs (after a crash or a restart: resumed from what they stored). */
    @Scheduled(every = "{zhenggai.replay.claim-every:5s}", delayed = "{zhenggai.replay.claim-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void claimOrphans() {
        if (stopping) {
            return;
        }
        List<Long> claimed = store.claimOrphans(instance, staleSeconds);
        for (Long id : claimed) {
            if (!workers.containsKey(id)) {
                LOG.infof("Resuming replay %d from what it stored", id);
                launch(store.find(id).orElseThrow());
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        workers.values().forEach(Worker::stop);
        workers.values().forEach(Worker::join);
    }

    private void launch(Replay replay) {
        ReplaySource source = replay.source() == Replay.Source.TOPIC
                ? new TopicSource(applier, bootstrapServers, topic, maxPollRecords)
                : new JournalSource(applier, json, journalUrl, journalToken, journal.pageSize());
        Worker worker = new Worker(replay.id(), Generation.schemaOf(replay.generation()), replay.generation(),
                replay.autoSwitch(), source);
        if (workers.putIfAbsent(replay.id(), worker) == null) {
            worker.start();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The replay's generation is no longer this worker's to write (cancelled, or taken over). */
    private static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    private final class Worker implements Runnable {
        private final long id;
        private final String schema;
        private final int generation;
        private final boolean autoSwitch;
        private final ReplaySource source;
        private final Thread thread;
        private final Deque<long[]> samples = new ArrayDeque<>();
        private volatile boolean running = true;
        private boolean autoSwitchTried;
        /** Events that fail by themselves, found by failed steps: set aside when the step is applied again. */
        private final Isolation isolation = new Isolation();
        /** A transaction rolled back: the source's position in memory is ahead of what is stored. */
        private boolean needsRewind;
        /** Its generation is being built (read when it goes back to what it stored; false once complete). */
        private volatile boolean building;
        /** What its batches know of its generation from the batches before (see {@link Carried}). */
        private final Carried carried = new Carried();

        Worker(long id, String schema, int generation, boolean autoSwitch, ReplaySource source) {
            this.id = id;
            this.schema = schema;
            this.generation = generation;
            this.autoSwitch = autoSwitch;
            this.source = source;
            this.thread = new Thread(this, "replay-" + id);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
        }

        void join() {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                source.open();
                inTransaction(() -> {
                    source.rewind(rewound());
                    return null;
                });
                while (running && !stopping) {
                    try {
                        if (needsRewind) {
                            inTransaction(() -> {
                                source.rewind(rewound());
                                return null;
                            });
                            needsRewind = false;
                        }
                        Replay replay = inTransaction(this::touch);
                        if (replay.requestedAction() != null) {
                            act(replay.requestedAction() == Replay.Action.SWITCH, replay.acceptDifferences());
                            continue;
                        }
                        if (replay.state() == Replay.State.CAUGHT_UP && autoSwitch && !autoSwitchTried) {
                            autoSwitchTried = true;
                            act(true, false);
                            continue;
                        }
                        if (step() == 0) {
                            sleep(200);
                        }
                    } catch (Lost e) {
                        throw e;
                    } catch (Exception e) {
                        // the database or the broker went away for a moment: the stored position is intact
                        LOG.warnf(e, "Replay %d: %s; trying again", id, e.getMessage());
                        needsRewind = true;
                        sleep(2_000);
                    }
                }
            } catch (Lost e) {
                LOG.infof("Replay %d is no longer run here (cancelled or taken over)", id);
            } catch (Exception e) {
                if (running && !stopping) {
                    LOG.errorf(e, "Replay %d failed", id);
                    try {
                        // it could not even begin (e.g. no such topic): its generation is of no use
                        QuarkusTransaction.requiringNew().run(() -> {
                            store.finish(id, Replay.State.FAILED, String.valueOf(e.getMessage()));
                            generations.cancel(generation);
                        });
                    } catch (RuntimeException again) {
                        LOG.errorf(again, "Could not record that replay %d failed", id);
                    }
                }
            } finally {
                source.close();
                workers.remove(id, this);
            }
        }

        /**
         * The replay as stored, to go back to; from the beginning if PostgreSQL emptied its generation in a crash
         * (see {@link Generations#lostUnloggedWrites}).
         */
        private Replay rewound() {
            Replay replay = touch();
            building = generations.isBuilding(schema);
            if (generations.lostUnloggedWrites(schema)) {
                LOG.warnf("Replay %d: PostgreSQL lost the tables of %s (they are written without WAL until the "
                        + "generation is complete, and a crash empties them); starting again from the beginning", id,
                        schema);
                store.restart(id);
                replay = touch();
            }
            // from the beginning, its generation is empty: what its batches write is all there is
            carried.forget(replay.done() == 0);
            return replay;
        }

        private Replay touch() {
            return store.touch(id, instance).orElseThrow(Lost::new);
        }

        /** One batch: applied, positions and progress stored, in one transaction. */
        private int step() throws Exception {
            String live = generations.active().schema();
            long suppressedBefore = sideEffects.suppressed();
            try {
                return carried.run(() -> inTransaction(() -> {
                    touch();
                    int taken = source.step(live);
                    boolean caughtUp = source.caughtUp();
                    storeProgress(suppressedBefore);
                    if (caughtUp) {
                        store.caughtUp(id);
                    }
                    isolation.relax();
                    return taken;
                }));
            } catch (Lost e) {
                throw e;
            } catch (Exception e) {
                if (learn(e)) {
                    needsRewind = true;
                    return 0;
                }
                LOG.warnf(e, "A batch of replay %d failed; going back to what it stored", id);
                needsRewind = true;
                sleep(1_000);
                return 0;
            }
        }

        /**
         * Compares (and switches, if asked and allowed) with the live intake paused: see the class comment. Answers
         * the request in the replay's row.
         */
        private void act(boolean switchIt, boolean acceptDifferences) throws Exception {
            // it copies rows into the generation with SQL, behind what the batches carry
            carried.forget(false);
            // the indexes the generation was built without, before the live intake is paused: that stays short
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> generations.completeIndexes(schema));
            building = false;
            QuarkusTransaction.requiringNew().run(() -> store.state(id, Replay.State.COMPARING));
            String live = generations.active().schema();
            long suppressedBefore = sideEffects.suppressed();
            String result;
            try {
                result = inTransaction(() -> {
                    touch();
                    switchLock.exclusive();
                    source.catchUpExactly(live);
                    if (source.durablePosition() != null) {
                        // built from the journal: take over the live generation's place in the topic
                        applier.adoptIntakePosition(live, schema);
                    }
                    GenerationComparison.Comparison compared = comparison.compare(live, schema);
                    boolean switching = switchIt && (compared.equal() || acceptDifferences);
                    storeProgress(suppressedBefore);
                    String outcome = switching ? Replay.SWITCHED : compared.equal() ? Replay.EQUAL
                            : Replay.DIFFERENCES;
                    if (switching) {
                        // what the live intake held may be next in sequence now: applied before the intake resumes
                        int released = source.durablePosition() != null
                                ? applier.takeOverConflictsAndRelease(live, generation)
                                : applier.releaseApplicable("切换到第" + generation + "代时解决");
                        if (released > 0) {
                            LOG.infof("Replay %d: %d held event(s) applied at the switch", id, released);
                        }
                        generations.activate(generation);
                    }
                    store.answered(id, outcome, json.writeValueAsString(compared),
                            switching ? Replay.State.SWITCHED : Replay.State.CAUGHT_UP);
                    LOG.infof("Replay %d compared with %s: %s (%d ms)%s", id, live, compared.summary(),
                            compared.millis(), switching ? "; switched in" : "");
                    return outcome;
                });
            } catch (Lost e) {
                throw e;
            } catch (Exception e) {
                LOG.errorf(e, "Replay %d could not compare or switch", id);
                if (learn(e)) {
                    autoSwitchTried = false; // it can get further now: an automatic switch is tried again
                }
                needsRewind = true;
                QuarkusTransaction.requiringNew().run(() -> store.answered(id, Replay.FAILED + ": " + e.getMessage(),
                        null, Replay.State.CAUGHT_UP));
                return;
            }
            if (Replay.SWITCHED.equals(result)) {
                running = false;
                // the new generation's colours for today (it may have been built over a midnight)
                warnings.recomputeToday();
                // the events it holds (and applied at the switch) and its blocked aggregates, for the gauges
                intake.readGauges();
            }
        }

        /** Stores the source's progress, and the side effects suppressed since {@code suppressedBefore}. */
        private void storeProgress(long suppressedBefore) {
            store.progress(id, source.done(), source.target(), source.takeApplied(), source.takeRejected(),
                    sideEffects.suppressed() - suppressedBefore, rate(source.done()), source.durablePosition());
        }

        private Double rate(long done) {
            long now = System.nanoTime();
            samples.addLast(new long[] {now, done});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > Duration.ofSeconds(10).toNanos()) {
                samples.removeFirst();
            }
            long[] first = samples.peekFirst();
            double seconds = (now - first[0]) / 1e9;
            return seconds < 0.5 ? null : Math.max(0, done - first[1]) / seconds;
        }

        /**
         * Whether a failed step named an event that fails by itself (or can be applied again carefully to name it):
         * the step is then applied again with that event set aside as a dead letter of this generation, as the
         * intake did in the live one (never sent to the DLQ again), so that a replay never loops on one record.
         * Held only in memory: a replay resumed after a restart finds the event again by failing once.
         */
        private boolean learn(Exception e) {
            if (!(e instanceof RuntimeException failure) || !isolation.learn(failure)) {
                return false;
            }
            LOG.warnf("Replay %d: %s; applying the batch again with it set aside", id, failure instanceof
                    EventFailed failed ? failed.getMessage() : "a failure no event was named for ("
                    + EventFailed.describe(failure) + "), one event at a time");
            return true;
        }

        /** A transaction of this thread on the replay's generation, with side effects suppressed. */
        private <T> T inTransaction(Callable<T> work) throws Exception {
            return generations.in(schema, building, () -> sideEffects.replaying(() ->
                    QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                        applier.isolate(isolation);
                        return work.call();
                    })));
        }
    }
}
