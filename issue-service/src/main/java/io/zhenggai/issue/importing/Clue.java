package io.zhenggai.issue.importing;

/**
 * One thing the parser found, or looked for and did not find, in a text whose feedback tree it could not read: the
 * office sees why its bulletin was refused.
 *
 * @param part      what it is about: {@code title}, {@code team}, {@code targetUnit}, {@code feedbackDate},
 *                  {@code reportDate}, {@code declared}, {@code figures}, {@code numberedHeadings},
 *                  {@code progressParagraphs}, {@code table}, {@code tree}
 * @param message   in Chinese
 * @param messageEn the same in English
 */
public record Clue(String part, String message, String messageEn) {
}
