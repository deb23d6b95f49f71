package io.zhenggai.report.store;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

/**
 * The one door for effects outside the projections (a notification, a webhook, a reminder): a projection asks this
 * bean to perform an effect instead of performing it. Live, the effect runs once the applying transaction has
 * committed (never for a batch that rolls back); while the applying thread replays the log into a new generation it
 * is suppressed and counted, so that a replay never repeats what was done when the events first arrived.
 */
@ApplicationScoped
public class SideEffects {

    private static final Logger LOG = Logger.getLogger(SideEffects.class);
    private static final ThreadLocal<Boolean> REPLAYING = new ThreadLocal<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final AtomicLong performed = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final Map<String, AtomicLong> suppressedByKind = new ConcurrentHashMap<>();

    /** Runs {@code work} with this thread marked as replaying. */
    public <T> T replaying(Callable<T> work) throws Exception {
        return ThreadBinding.with(REPLAYING, Boolean.TRUE, work);
    }

    public boolean isReplaying() {
        return Boolean.TRUE.equals(REPLAYING.get());
    }

    /**
     * Performs an effect of applying an event, unless this thread replays; returns whether it will be performed.
     * Inside a transaction the effect runs after commit.
     *
     * @param kind a stable name for counting, e.g. {@code deadline-reminder}
     */
    public boolean perform(String kind, Runnable effect) {
        if (isReplaying()) {
            suppressed.incrementAndGet();
            suppressedByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            return false;
        }
        if (transactions.getTransactionKey() == null) {
            run(kind, effect);
        } else {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        run(kind, effect);
                    }
                }
            });
        }
        return true;
    }

    private void run(String kind, Runnable effect) {
        try {
            effect.run();
            performed.incrementAndGet();
        } catch (RuntimeException e) {
            // the events are applied; an effect that failed is reported, not retried by rolling them back
            LOG.errorf(e, "Side effect %s failed", kind);
        }
    }

    public long performed() {
        return performed.get();
    }

    /** Effects suppressed because the applying thread replayed, since start. */
    public long suppressed() {
        return suppressed.get();
    }

    public Map<String, Long> suppressedByKind() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        suppressedByKind.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }
}
