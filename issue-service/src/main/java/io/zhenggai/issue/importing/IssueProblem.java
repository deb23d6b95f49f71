package io.zhenggai.issue.importing;

/**
 * A finding made inside one issue's text, before it is given its list and path.
 *
 * @param kind      the finding kind
 * @param message   Chinese message
 * @param messageEn English message
 * @param sentence  the sentence
 */
record IssueProblem(FindingKind kind, String message, String messageEn, String sentence) {

    Finding at(String list, String path) {
        return new Finding(kind, message, messageEn, new FindingLocation(list, path, sentence));
    }
}
