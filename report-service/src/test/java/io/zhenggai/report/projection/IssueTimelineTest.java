package io.zhenggai.report.projection;

import static io.zhenggai.report.projection.IssueStatus.CLOSED;
import static io.zhenggai.report.projection.IssueStatus.COMPLETED;
import static io.zhenggai.report.projection.IssueStatus.IN_PROGRESS;
import static io.zhenggai.report.projection.IssueStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.zhenggai.report.projection.IssueTimeline.Segment;
import io.zhenggai.report.projection.IssueTimeline.Version;
import io.zhenggai.report.projection.IssueTimeline.Workflow;

class IssueTimelineTest {

    private static final UUID PLAIN = UUID.randomUUID();
    private static final UUID NEW_DEADLINE = UUID.randomUUID();
    private static final LocalDate FEEDBACK = LocalDate.parse("2022-12-07");

    /** Builds versions as the projection would: completed-on and reopen counts follow the live rules. */
    private static final class History {
        private final List<Version> versions = new ArrayList<>();

        History event(String effective, IssueStatus status, UUID attributes, boolean progress, boolean reopen) {
            Version last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
            LocalDate day = LocalDate.parse(effective);
            boolean done = status == COMPLETED || status == CLOSED;
            LocalDate completedOn = !done ? null
                    : last != null && (last.status() == COMPLETED || last.status() == CLOSED) ? last.completedOn() : day;
            versions.add(new Version(versions.size() + 1, day, status, attributes, completedOn,
                    (last == null ? 0 : last.reopened()) + (reopen ? 1 : 0), progress,
                    last == null ? day : last.createdOn()));
            return this;
        }

        History created(String effective) {
            return event(effective, NOT_STARTED, PLAIN, false, false);
        }

        History progress(String asOf, IssueStatus status) {
            return event(asOf, status, last().attributes(), true, false);
        }

        History status(String effective, IssueStatus status) {
            return event(effective, status, last().attributes(), false, false);
        }

        Version last() {
            return versions.get(versions.size() - 1);
        }

        List<Segment> timeline() {
            return IssueTimeline.of(versions);
        }
    }

    private static Segment on(List<Segment> timeline, String day) {
        LocalDate date = LocalDate.parse(day);
        return timeline.stream()
                .filter(s -> !s.validFrom().isAfter(date) && (s.validTo() == null || s.validTo().isAfter(date)))
                .findFirst().orElse(null);
    }

    @Test
    void shouldFollowEventsInDateOrderOneSegmentPerDay() {
        List<Segment> timeline = new History().created("2022-12-07")
                .progress("2023-01-10", IN_PROGRESS)
                .progress("2023-02-10", IN_PROGRESS)
                .status("2023-03-01", COMPLETED)
                .timeline();

        assertThat(timeline).extracting(Segment::validFrom).extracting(LocalDate::toString)
                .containsExactly("2022-12-07", "2023-01-10", "2023-02-10", "2023-03-01");
        assertThat(timeline).extracting(Segment::validTo).extracting(d -> d == null ? null : d.toString())
                .containsExactly("2023-01-10", "2023-02-10", "2023-03-01", null);
        assertThat(on(timeline, "2022-12-06")).isNull();
        assertThat(on(timeline, "2022-12-07").status()).isEqualTo(NOT_STARTED);
        assertThat(on(timeline, "2023-02-15").status()).isEqualTo(IN_PROGRESS);
        assertThat(on(timeline, "2023-02-15").lastProgressDate()).isEqualTo("2023-02-10");
        assertThat(on(timeline, "2023-03-01").completedOn()).isEqualTo("2023-03-01");
        assertThat(on(timeline, "2023-03-01").sequence()).isEqualTo(4);
        assertThat(on(timeline, "2023-02-28").completedOn()).isNull();
    }

    @Test
    void shouldCountABackdatedCompletionFromItsDate() {
        // recorded: created, progress 03-01, then (补录) a completion effective 02-15
        List<Segment> timeline = new History().created("2022-12-07")
                .progress("2023-03-01", IN_PROGRESS)
                .status("2023-02-15", COMPLETED)
                .timeline();

        // the status chain: IN_PROGRESS (03-01) is pulled back to 02-15 so that it never overtakes the completion
        assertThat(on(timeline, "2023-02-14").status()).isEqualTo(NOT_STARTED);
        assertThat(on(timeline, "2023-02-15").status()).isEqualTo(COMPLETED);
        assertThat(on(timeline, "2023-02-15").completedOn()).isEqualTo("2023-02-15");
        // the progress report still counts from its own date
        assertThat(on(timeline, "2023-02-20").lastProgressDate()).isNull();
        assertThat(on(timeline, "2023-03-01").lastProgressDate()).isEqualTo("2023-03-01");
        assertThat(on(timeline, "2023-03-01").status()).isEqualTo(COMPLETED);
        assertThat(timeline.get(timeline.size() - 1).validTo()).isNull();
    }

    @Test
    void shouldCountABackdatedProgressReportOnlyAsProgress() {
        // a report dated 01-05 recorded after the completion: it must not pull the completion back
        List<Segment> timeline = new History().created("2022-12-07")
                .progress("2023-02-01", IN_PROGRESS)
                .status("2023-03-01", COMPLETED)
                .progress("2023-01-05", COMPLETED)
                .timeline();

        assertThat(on(timeline, "2023-01-05").status()).isEqualTo(NOT_STARTED);
        assertThat(on(timeline, "2023-01-05").lastProgressDate()).isEqualTo("2023-01-05");
        assertThat(on(timeline, "2023-02-01").status()).isEqualTo(IN_PROGRESS);
        assertThat(on(timeline, "2023-02-01").lastProgressDate()).isEqualTo("2023-02-01");
        assertThat(on(timeline, "2023-03-01").status()).isEqualTo(COMPLETED);
        assertThat(on(timeline, "2023-03-01").lastProgressDate()).isEqualTo("2023-02-01");
    }

    @Test
    void shouldEndInTheStateOfTheLastVersion() {
        History history = new History().created("2022-12-07")
                .progress("2023-03-01", IN_PROGRESS)
                .status("2023-02-15", COMPLETED)
                .status("2023-02-10", CLOSED) // closed, back-dated further still
                .event("2023-04-01", IN_PROGRESS, PLAIN, false, true); // 回头看
        Segment last = history.timeline().get(history.timeline().size() - 1);
        Version now = history.last();

        assertThat(last.validTo()).isNull();
        assertThat(last.status()).isEqualTo(now.status());
        assertThat(last.completedOn()).isEqualTo(now.completedOn()).isNull();
        assertThat(last.reopened()).isEqualTo(1);
        assertThat(last.lastProgressDate()).isEqualTo("2023-03-01");
        List<Segment> timeline = history.timeline();
        assertThat(on(timeline, "2023-02-10").status()).isEqualTo(CLOSED);
        assertThat(on(timeline, "2023-02-10").completedOn()).isEqualTo("2023-02-15"); // as the ledger kept it
        assertThat(on(timeline, "2023-02-10").reopened()).isZero();
    }

    @Test
    void shouldTakeAttributesFromTheirOwnChain() {
        List<Segment> timeline = new History().created("2022-12-07")
                .progress("2023-01-10", IN_PROGRESS)
                .event("2023-02-01", IN_PROGRESS, NEW_DEADLINE, false, false)
                .timeline();

        assertThat(on(timeline, "2023-01-31").attributes()).isEqualTo(PLAIN);
        assertThat(on(timeline, "2023-02-01").attributes()).isEqualTo(NEW_DEADLINE);
        assertThat(on(timeline, "2023-02-01").status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    void shouldLetTheIssueExistFromItsEarliestEffectiveChange() {
        // a transition back-dated before the creation's effective date moves the issue's start with it
        List<Segment> timeline = new History().created("2023-01-01")
                .status("2022-12-20", IN_PROGRESS)
                .timeline();

        assertThat(timeline).hasSize(1);
        assertThat(timeline.get(0).validFrom()).isEqualTo("2022-12-20");
        assertThat(timeline.get(0).status()).isEqualTo(IN_PROGRESS);
        assertThat(timeline.get(0).createdOn()).isEqualTo("2023-01-01");
    }

    @Test
    void shouldMergeNothingButIdenticalStatesAndKeepProgressOfTheSameDay() {
        List<Segment> timeline = new History().created(FEEDBACK.toString())
                .progress("2023-05-10", IN_PROGRESS)
                .status("2023-05-10", COMPLETED)
                .timeline();

        assertThat(timeline).extracting(Segment::validFrom).extracting(LocalDate::toString)
                .containsExactly("2022-12-07", "2023-05-10");
        assertThat(timeline.get(1).status()).isEqualTo(COMPLETED);
        assertThat(timeline.get(1).lastProgressDate()).isEqualTo("2023-05-10");
        assertThat(timeline.get(1).sequence()).isEqualTo(3);
    }

    /** A version that changes only the workflow, or carries / corrects an identified report. */
    private static Version version(History history, String effective, IssueStatus status, Workflow workflow,
                                   boolean progress, UUID report, UUID corrected) {
        Version last = history.last();
        LocalDate day = LocalDate.parse(effective);
        boolean done = status == COMPLETED || status == CLOSED;
        LocalDate completedOn = !done ? null : last.status() == COMPLETED || last.status() == CLOSED
                ? last.completedOn() : day;
        return new Version(last.sequence() + 1, day, status, last.attributes(), completedOn, last.reopened(),
                progress, last.createdOn(), workflow, report, corrected);
    }

    @Test
    void shouldTakeEachPartOfTheWorkflowFromItsOwnChain() {
        History history = new History().created("2023-01-10");
        Workflow assigned = new Workflow("ASSIGNED", null, 0, 0);
        Workflow signed = new Workflow("SIGNED", null, 0, 0);
        Workflow completing = new Workflow("SIGNED", "COMPLETION", 0, 0);
        history.versions.add(version(history, "2023-03-01", NOT_STARTED, assigned, false, null, null));
        history.versions.add(version(history, "2023-03-02", NOT_STARTED, signed, false, null, null));
        // 补录: a completion back-dated to 02-15, recorded after the signature (its snapshot says SIGNED)
        history.versions.add(version(history, "2023-02-15", COMPLETED, completing, false, null, null));
        List<Segment> timeline = history.timeline();

        // the completion's date moves the status and what awaits a decision, not the assignment or the signature
        assertThat(on(timeline, "2023-02-20").status()).isEqualTo(COMPLETED);
        assertThat(on(timeline, "2023-02-20").workflow()).isEqualTo(new Workflow(null, "COMPLETION", 0, 0));
        assertThat(on(timeline, "2023-03-01").workflow().assignment()).isEqualTo("ASSIGNED");
        assertThat(on(timeline, "2023-03-02").workflow()).isEqualTo(completing);
        assertThat(on(timeline, "2023-01-10").workflow()).isEqualTo(Workflow.NONE);
        assertThat(timeline.get(timeline.size() - 1).workflow()).isEqualTo(history.last().workflow());
        assertThat(on(timeline, "2023-03-02").sequence()).isEqualTo(4);
    }

    @Test
    void shouldTakeACorrectedOrWithdrawnReportOutOfTheProgressChainFromTheCorrectionsDate() {
        History history = new History().created("2023-01-10");
        UUID february = UUID.randomUUID();
        UUID march = UUID.randomUUID();
        UUID marchCorrected = UUID.randomUUID();
        history.versions.add(version(history, "2023-02-15", IN_PROGRESS, Workflow.NONE, true, february, null));
        history.versions.add(version(history, "2023-03-01", IN_PROGRESS, Workflow.NONE, true, march, null));
        // 更正 of the March report, effective on its as-of date: the replacement holds the same date
        history.versions.add(version(history, "2023-03-01", IN_PROGRESS, Workflow.NONE, true, marchCorrected,
                march));
        assertThat(on(history.timeline(), "2023-03-05").lastProgressDate()).isEqualTo("2023-03-01");
        assertThat(on(history.timeline(), "2023-03-05").sequence()).isEqualTo(4);

        // 撤回 of the replacement: the February report is the last progress again, on every day from March on
        history.versions.add(version(history, "2023-03-01", IN_PROGRESS, Workflow.NONE, false, null,
                marchCorrected));
        List<Segment> timeline = history.timeline();
        assertThat(on(timeline, "2023-02-20").lastProgressDate()).isEqualTo("2023-02-15");
        assertThat(on(timeline, "2023-03-05").lastProgressDate()).isEqualTo("2023-02-15");
        assertThat(timeline.get(timeline.size() - 1).lastProgressDate()).isEqualTo("2023-02-15");

        // a correction without the contract's effective date (taking effect when recorded, 04-10): the report counts
        // until then
        History late = new History().created("2023-01-10");
        late.versions.add(version(late, "2023-03-01", IN_PROGRESS, Workflow.NONE, true, march, null));
        late.versions.add(version(late, "2023-04-10", IN_PROGRESS, Workflow.NONE, false, null, march));
        assertThat(on(late.timeline(), "2023-04-09").lastProgressDate()).isEqualTo("2023-03-01");
        assertThat(on(late.timeline(), "2023-04-10").lastProgressDate()).isNull();
    }

    @Test
    void shouldRefuseVersionsOutOfOrder() {
        Version one = new Version(2, FEEDBACK, NOT_STARTED, PLAIN, null, 0, false, FEEDBACK);
        Version two = new Version(1, FEEDBACK, IN_PROGRESS, PLAIN, null, 0, false, FEEDBACK);
        assertThatThrownBy(() -> IssueTimeline.of(List.of(one, two))).isInstanceOf(IllegalArgumentException.class);
        assertThat(IssueTimeline.of(List.of())).isEmpty();
    }
}
