package io.zhenggai.issue.importing;

/**
 * One consistency finding on a bulletin.
 *
 * @param kind      what is inconsistent
 * @param message   the finding in Chinese, for the people who publish bulletins
 * @param messageEn the same in English
 * @param location  where it was found
 */
public record Finding(FindingKind kind, String message, String messageEn, FindingLocation location) {
}
