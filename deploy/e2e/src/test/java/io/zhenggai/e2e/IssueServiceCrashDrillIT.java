package io.zhenggai.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The short fault drill of the test suite: issue-service SIGKILLed while writes flow through its API, so that rows
 * it committed to the journal are not yet published, then started again (as a supervisor would). Every acknowledged
 * write must be journaled, published and applied once, report-service equal to a fresh replay, nobody stepping in.
 * The longer drills are {@link FaultDrillIT}'s, run by hand.
 */
class IssueServiceCrashDrillIT {

    @Test
    void shouldLoseAndDoubleNothingWhenIssueServiceIsKilledBetweenCommitAndPublication() throws Exception {
        FaultDrillIT.assertPassed(drill("issue-service-kill-short", 10, Duration.ofSeconds(8), 30));
    }

    static Drill.Verdict drill(String name, int rate, Duration steady, long steadyWrites) throws Exception {
        try (Drill drill = Drill.start(name, new Drill.Setup().issues(20))) {
            DrillLoad load = drill.load(rate);
            load.runFor(steady, steadyWrites, FaultDrillIT.PATIENCE);
            load.phase = "issue-service dead";
            drill.issueService.kill();
            // what it committed against what reached the topic at the moment of the kill
            long journaled = drill.journalRowsInDatabase();
            long published = drill.readTopic().size();
            drill.say("issue-service SIGKILLed with %d journal rows committed, %d records on the topic", journaled,
                    published);
            Drill.sleep(Duration.ofSeconds(3));
            long restarting = System.nanoTime();
            drill.issueService.start().awaitHealthy(Drill.STARTUP);
            drill.say("issue-service started again, healthy after %.1f s", (System.nanoTime() - restarting) / 1e9);
            load.phase = "after";
            load.runFor(steady, steadyWrites, FaultDrillIT.PATIENCE);
            List<String> problems = new ArrayList<>();
            return drill.verdict(load.stop(), problems);
        }
    }
}
