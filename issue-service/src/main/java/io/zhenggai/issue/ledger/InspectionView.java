package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An inspection as the API shows it. */
public record InspectionView(UUID id, String team, String targetUnit, List<InspectionKind> kinds, String specialTheme,
                             LocalDate onSiteFrom, LocalDate onSiteTo, LocalDate feedbackDate,
                             InspectionRequest.DeclaredCounts declared, List<FeedbackTree.FeedbackList> lists,
                             long sequence, Instant createdAt) {

    public static InspectionView of(Inspection i) {
        return new InspectionView(i.id, i.team, i.targetUnit, i.kindList(), i.specialTheme, i.onSiteFrom, i.onSiteTo,
                i.feedbackDate, new InspectionRequest.DeclaredCounts(i.declaredAspects, i.declaredCategories,
                i.declaredIssues, i.declaredSuggestions), i.lists, i.sequence, i.createdAt);
    }
}
