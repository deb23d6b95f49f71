package io.zhenggai.issue.importing;

/**
 * A reading with where it stands in its issue's text, for the checks that relate readings to each other (a rate to
 * its parts, a breakdown to its total).
 *
 * @param reading   the reading
 * @param sentence  index of its sentence in the issue's text
 * @param segment   index of its segment (the part of the sentence between ；) within the sentence
 * @param breakdown whether the figure is a part of a breakdown (after 其中 in its sentence)
 */
record PlacedReading(Reading reading, int sentence, int segment, boolean breakdown) {

    PlacedReading with(Reading r) {
        return new PlacedReading(r, sentence, segment, breakdown);
    }

    boolean sameSegment(PlacedReading other) {
        return sentence == other.sentence && segment == other.segment;
    }
}
