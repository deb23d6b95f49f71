package io.zhenggai.report.store;

/**
 * The projections changed: a batch of {@code events} was applied and committed by the intake. Fired asynchronously
 * (CDI {@code fireAsync}), so that an observer (the web app's live updates) can neither slow nor fail the intake.
 */
public record ProjectionChanged(int events) {
}
