package io.zhenggai.issue.ledger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the workflow ({@code zhenggai.workflow.*}). */
@ConfigMapping(prefix = "zhenggai.workflow")
public interface WorkflowConfig {

    /**
     * How long after recording its progress report the reporting unit may still correct or withdraw it itself
     * (ISO-8601, e.g. P7D); the office may at any time.
     */
    @WithDefault("P7D")
    Duration correctionWindow();
}
