package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.List;

/**
 * A progress bulletin (整改进展情况通报) as parsed: its header, declared totals and feedback trees.
 *
 * @param title        the first line
 * @param issuingUnit  the unit that publishes the bulletin, from the title (中共…工作委员会), or {@code null}
 * @param inspection   what the bulletin says about the inspection
 * @param declared     the totals declared in prose
 * @param lists        the main list, then the attachments
 * @param signatory    the closing signature, or {@code null}
 * @param reportDate   the date under the signature, or {@code null}
 */
public record Bulletin(
        String title,
        String issuingUnit,
        InspectionHeader inspection,
        DeclaredTotals declared,
        List<FeedbackList> lists,
        String signatory,
        LocalDate reportDate) {

    public Bulletin {
        lists = List.copyOf(lists);
    }

    public FeedbackList mainList() {
        return lists.get(0);
    }
}
