package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of parsing a bulletin: the document, its findings and its counts.
 *
 * @param bulletin the parsed document
 * @param findings the consistency findings, in document order within each kind
 * @param lists    per-list counts, main list first
 */
public record ParseResult(Bulletin bulletin, List<Finding> findings, List<ListCounts> lists) {

    public ParseResult {
        findings = List.copyOf(findings);
        lists = List.copyOf(lists);
    }

    public int aspectCount() {
        return lists.stream().mapToInt(ListCounts::aspectCount).sum();
    }

    public int categoryCount() {
        return lists.stream().mapToInt(ListCounts::categoryCount).sum();
    }

    public int issueCount() {
        return lists.stream().mapToInt(ListCounts::issueCount).sum();
    }

    public int readingCount() {
        return lists.stream().mapToInt(ListCounts::readingCount).sum();
    }

    public LocalDate reportDate() {
        return bulletin.reportDate();
    }
}
