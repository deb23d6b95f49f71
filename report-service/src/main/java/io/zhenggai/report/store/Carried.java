package io.zhenggai.report.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What a replay's worker knows of the generation it builds, kept from one of its transactions to the next, so that a
 * batch does not read back what the batches before it wrote: each component (the ledger, a projection) keeps its own
 * part by name, and adds to it what a transaction knew when that transaction commits (never what a rolled-back one
 * knew, so it always equals what is stored).
 * <p>
 * When the worker began from an empty generation ({@link #complete}), everything stored is here: an aggregate the
 * parts do not know has nothing stored, and nothing needs to be read. Otherwise (a replay taken over, or resumed after
 * a restart) the parts fill up as aggregates are read once.
 * <p>
 * Only the worker's own batches use it ({@link #run}); whatever changes its generation by other paths (a comparison
 * and switch copy rows in with SQL) must {@link #forget} it. One thread at a time.
 */
public final class Carried {

    private static final ThreadLocal<Carried> CURRENT = new ThreadLocal<>();

    private final Map<String, Object> parts = new HashMap<>();
    private boolean complete;

    /** What the current thread's batches carry, if they carry anything. */
    public static Optional<Carried> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} (the worker's transaction) with this as what the thread's batches carry. */
    public <T> T run(Callable<T> work) throws Exception {
        return ThreadBinding.with(CURRENT, this, work);
    }

    /** A component's part, created empty the first time. */
    @SuppressWarnings("unchecked")
    public <T> T part(String name, Supplier<T> empty) {
        return (T) parts.computeIfAbsent(name, k -> empty.get());
    }

    /** Whether everything the generation stores is here (the worker began from an empty generation). */
    public boolean complete() {
        return complete;
    }

    /** Forgets everything; {@code empty}: the generation is empty now, so nothing stored is unknown. */
    public void forget(boolean empty) {
        parts.clear();
        complete = empty;
    }
}
