package io.zhenggai.issue.importing;

import java.util.List;

/**
 * A tracked problem (问题, the rectification item) as a bulletin reports it: a leaf of the feedback tree.
 *
 * @param path          the published numbering, unique within its list, e.g. {@code (一)1.(3)}; a group heading is
 *                      part of it, e.g. {@code (二)「加快构筑黄河安澜屏障」1.}
 * @param title         the problem as titled (关于…的问题), without its number
 * @param description   what the heading says after its title sentence, or a 问题： paragraph; may be empty
 * @param status        the status derived from the status label, or from the presence of measures
 * @param statusLabel   the status label as printed (已完成, 基本完成 …), or {@code null}
 * @param progressLabel the label of the progress paragraph as printed (整改成效, 整改情况 …), or {@code null}
 * @param progressText  the progress paragraph, as printed, without its label; may be empty
 * @param measures      the measures reported (一是…二是…)
 * @param readings      the figures of the progress text and the description
 * @param responsibility the responsibility list entry when the bulletin prints one
 */
public record Issue(
        String path,
        String title,
        String description,
        ReportedStatus status,
        String statusLabel,
        String progressLabel,
        String progressText,
        List<Measure> measures,
        List<Reading> readings,
        Responsibility responsibility) {

    public Issue {
        measures = List.copyOf(measures);
        readings = List.copyOf(readings);
    }

    Issue withReadings(List<Reading> figures) {
        return new Issue(path, title, description, status, statusLabel, progressLabel, progressText, measures, figures,
                responsibility);
    }
}
