package io.zhenggai.report.store;

import java.util.concurrent.Callable;

/** Runs work with a thread-local set to a value, and gives the thread-local back what it held before. */
final class ThreadBinding {

    private ThreadBinding() {
    }

    static <T, R> R with(ThreadLocal<T> local, T value, Callable<R> work) throws Exception {
        T before = local.get();
        local.set(value);
        try {
            return work.call();
        } finally {
            if (before == null) {
                local.remove();
            } else {
                local.set(before);
            }
        }
    }
}
