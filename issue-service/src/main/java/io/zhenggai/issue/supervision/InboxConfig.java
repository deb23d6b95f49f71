package io.zhenggai.issue.supervision;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the inbox follower ({@code zhenggai.inbox.*}). */
@ConfigMapping(prefix = "zhenggai.inbox")
public interface InboxConfig {

    /** How often the follower reads the journal (a Quarkus {@code every}). */
    @WithDefault("2s")
    String every();

    /**
     * How long one of its statements waits for a row or table lock another transaction holds before it gives up
     * (PostgreSQL {@code lock_timeout}; the wait for the follower's own position lock is not bounded by it): a
     * follower stuck behind a lock fails, says so, and tries again later instead of hanging.
     */
    @WithDefault("PT10S")
    Duration lockTimeout();
}
