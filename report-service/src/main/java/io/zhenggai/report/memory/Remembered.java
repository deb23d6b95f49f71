package io.zhenggai.report.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few answers, by the question and the moment they were computed at: a key names everything an answer
 * depends on (the clocks of {@link IssueMemory.Moment}, the question, the day it is judged on), so an entry is never
 * wrong, only unused once the clocks move; the least recently used go first. Safe from any thread; an answer is
 * computed outside the lock (two threads asking the same new question may both compute it, and give the same).
 */
public final class Remembered<K, V> {

    private final Map<K, V> answers;

    public Remembered(int capacity) {
        this.answers = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The answer remembered for {@code key}, or the one {@code compute} gives (remembered when not null). */
    public V get(K key, Supplier<V> compute) {
        synchronized (answers) {
            V answer = answers.get(key);
            if (answer != null) {
                return answer;
            }
        }
        V answer = compute.get();
        if (answer != null) {
            synchronized (answers) {
                answers.put(key, answer);
            }
        }
        return answer;
    }

    /** Forgets every answer. */
    public void clear() {
        synchronized (answers) {
            answers.clear();
        }
    }
}
