package io.zhenggai.issue.importing;

/** A figure read from an issue's text. */
public record Reading(String text) {
}
