package io.zhenggai.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zhenggai.report.Events;
import io.zhenggai.report.projection.IssueEvent;

/** An event without its JSON tree ({@link RectificationEvent#lean}) is the same event, and its tree can go. */
class RectificationEventTest {

    /** As the service's mapper reads figures (JsonConfig): a decimal stays exact. */
    private final ObjectReader reader = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void shouldAnswerAsBeforeOnceItsTreeIsLetGo() throws Exception {
        List<Events.Record> records = EventContractTest.workflowEvents();
        assertThat(records).hasSizeGreaterThan(10);
        for (Events.Record record : records) {
            byte[] bytes = record.value().getBytes(StandardCharsets.UTF_8);
            JsonNode tree = reader.readTree(bytes);
            RectificationEvent whole = RectificationEvent.from(reader.readTree(bytes));
            RectificationEvent event = RectificationEvent.from(tree, bytes, reader);
            IssueEvent decoded = IssueEvent.isIssueEvent(event) ? IssueEvent.of(event) : null;

            assertThat(event.lean()).isSameAs(event);

            assertThat(event.raw()).as(record.value()).isEqualTo(tree).isNotSameAs(tree);
            assertThat(event.data()).isEqualTo(tree.get("data"));
            assertThat(event).isEqualTo(whole).hasSameHashCodeAs(whole);
            assertThat(whole).isEqualTo(event);
            if (decoded != null) {
                // decoded once, when read: applying it does not read the bytes again
                assertThat(IssueEvent.of(event)).isSameAs(decoded);
            }
        }
    }

    @Test
    void shouldKeepTheTraceContextItCarries() throws Exception {
        Events.Record record = EventContractTest.workflowEvents().get(1);
        ObjectNode tree = (ObjectNode) reader.readTree(record.value());
        assertThat(RectificationEvent.from(tree).traceparent()).isNull();

        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        tree.put("traceparent", traceparent);
        byte[] bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
        RectificationEvent event = RectificationEvent.from(reader.readTree(bytes), bytes, reader).lean();
        assertThat(event.traceparent()).isEqualTo(traceparent);

        tree.put("traceparent", 7); // not text: no context
        assertThat(RectificationEvent.from(tree).traceparent()).isNull();
    }

    @Test
    void shouldLetTheCollectorTakeTheTreeOfALeanEventButNotOfOneWithoutBytes() throws Exception {
        byte[] bytes = EventContractTest.workflowEvents().get(2).value().getBytes(StandardCharsets.UTF_8);
        List<RectificationEvent> held = new ArrayList<>();
        JsonNode leanTree = reader.readTree(bytes);
        JsonNode keptTree = reader.readTree(bytes);
        WeakReference<JsonNode> lean = new WeakReference<>(leanTree);
        WeakReference<JsonNode> kept = new WeakReference<>(keptTree);
        held.add(RectificationEvent.from(leanTree, bytes, reader).lean());
        held.add(RectificationEvent.from(keptTree).lean()); // nothing to read it again from: it stays
        leanTree = null;
        keptTree = null;

        for (int i = 0; i < 20 && lean.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(lean.get()).as("the lean event's tree").isNull();
        assertThat(kept.get()).as("the tree of an event not read from bytes").isNotNull();
        assertThat(held.get(0).raw()).isEqualTo(held.get(1).raw());
    }
}
