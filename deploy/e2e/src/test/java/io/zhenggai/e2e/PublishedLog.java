package io.zhenggai.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the journal of issue-service with what its relay put on the topic: every row there, exactly once in effect
 * and in per-aggregate order. A re-sent duplicate is allowed (consumers drop it by aggregate and sequence); a record
 * that skips ahead of its aggregate's highest sequence so far, a missing row, an extra record or a different event
 * under the same (aggregate, sequence) is not.
 */
final class PublishedLog {

    /** One event as the journal ({@code GET /api/journal}) or the topic shows it. */
    record Event(String aggregateId, long sequence, String eventId, long position) {

        Key key() {
            return new Key(aggregateId, sequence);
        }
    }

    record Key(String aggregateId, long sequence) {
    }

    /** A record of the topic: where it is, its Kafka key, and the CloudEvent in its value. */
    record Published(int partition, long offset, String recordKey, Event event) {
    }

    /** What the comparison found; every list is empty when the relay did its job. */
    record Verdict(int journalRows, int topicRecords, int duplicates, List<String> skips, List<String> missing,
                   List<String> extra, List<String> mismatched, List<String> misplaced) {
    }

    private PublishedLog() {
    }

    /**
     * @param journal the whole journal, in any order
     * @param topic   the whole topic, in any order: it is scanned per partition in offset order
     */
    static Verdict compare(List<Event> journal, List<Published> topic) {
        Map<Key, Event> expected = new HashMap<>();
        for (Event event : journal) {
            if (expected.put(event.key(), event) != null) {
                throw new IllegalStateException("The journal has " + event.key() + " twice");
            }
        }
        Map<Integer, List<Published>> partitions = new TreeMap<>();
        topic.forEach(record -> partitions.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record));
        partitions.values().forEach(records -> records.sort((a, b) -> Long.compare(a.offset(), b.offset())));

        Map<String, Long> highest = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        Set<Key> seen = new LinkedHashSet<>();
        int duplicates = 0;
        List<String> skips = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        for (List<Published> records : partitions.values()) {
            for (Published record : records) {
                Event event = record.event();
                String where = record.partition() + "@" + record.offset();
                if (!Objects.equals(record.recordKey(), event.aggregateId())) {
                    misplaced.add(where + ": record key " + record.recordKey() + " but aggregate " + event.aggregateId());
                }
                Integer partition = partitionOf.putIfAbsent(event.aggregateId(), record.partition());
                if (partition != null && partition != record.partition()) {
                    misplaced.add(where + ": aggregate " + event.aggregateId() + " is also in partition " + partition);
                }
                long before = highest.getOrDefault(event.aggregateId(), 0L);
                if (event.sequence() > before + 1) {
                    skips.add(where + ": aggregate " + event.aggregateId() + " sequence " + event.sequence()
                            + " (position " + event.position() + ") after highest " + before);
                } else if (event.sequence() <= before) {
                    duplicates++;
                }
                highest.put(event.aggregateId(), Math.max(before, event.sequence()));
                Event journaled = expected.get(event.key());
                if (journaled == null) {
                    extra.add(where + ": " + event + " is not in the journal");
                } else if (!journaled.eventId().equals(event.eventId()) || journaled.position() != event.position()) {
                    mismatched.add(where + ": " + event + " but the journal has " + journaled);
                }
                seen.add(event.key());
            }
        }
        if (!skips.isEmpty()) {
            skips = explain(skips, expected, partitions);
        }
        List<String> missing = journal.stream().filter(event -> !seen.contains(event.key()))
                .sorted((a, b) -> Long.compare(a.position(), b.position()))
                .map(Event::toString).toList();
        return new Verdict(journal.size(), topic.size(), duplicates, skips, missing, extra, mismatched, misplaced);
    }

    /** Adds to each skip where the skipped-over event is in the journal and where it first shows up on the topic. */
    private static List<String> explain(List<String> skips, Map<Key, Event> journal,
                                        Map<Integer, List<Published>> partitions) {
        Map<Key, String> first = new HashMap<>();
        partitions.values().forEach(records -> records.forEach(record ->
                first.putIfAbsent(record.event().key(), record.partition() + "@" + record.offset())));
        List<String> explained = new ArrayList<>();
        for (String skip : skips) {
            // "p@o: aggregate A sequence S (position P) after highest H"
            String[] words = skip.split(" ");
            String aggregate = words[2];
            long highest = Long.parseLong(words[words.length - 1]);
            Key skipped = new Key(aggregate, highest + 1);
            Event event = journal.get(skipped);
            explained.add(skip + "; sequence " + (highest + 1) + " is journal position "
                    + (event == null ? "?" : event.position()) + ", first on the topic at "
                    + first.getOrDefault(skipped, "nowhere"));
        }
        return explained;
    }
}
