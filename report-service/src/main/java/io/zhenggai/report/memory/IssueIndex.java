package io.zhenggai.report.memory;

/** One generation's issues in memory. SKELETON: filled in by the engine. */
public final class IssueIndex {
}
