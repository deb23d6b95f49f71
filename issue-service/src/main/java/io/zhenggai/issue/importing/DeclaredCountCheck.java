package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Compares the totals a bulletin declares (4个方面16类问题, 整改措施41条) with the tree it holds (COUNT_MISMATCH). The declaration
 * speaks of the main feedback; a count that matches either the main list or all lists together is accepted, so that
 * a bulletin whose declaration covers its attachments too is not flagged.
 */
final class DeclaredCountCheck {

    private DeclaredCountCheck() {
    }

    static List<Finding> apply(Bulletin bulletin) {
        DeclaredTotals d = bulletin.declared();
        List<Finding> findings = new ArrayList<>();
        check(findings, bulletin, d.aspects(), "个方面", "aspects", l -> l.aspects().size());
        check(findings, bulletin, d.categories(), "类问题", "categories of problems", l -> l.categories().size());
        check(findings, bulletin, d.issues(), "个问题", "problems", l -> l.issues().size());
        check(findings, bulletin, d.measures(), "条整改措施", "measures",
                l -> l.issues().stream().mapToInt(i -> i.measures().size()).sum());
        return findings;
    }

    private static void check(List<Finding> findings, Bulletin b, Integer declared, String zh, String en,
                              ToIntFunction<FeedbackList> count) {
        if (declared == null) {
            return;
        }
        int main = count.applyAsInt(b.mainList());
        int all = b.lists().stream().mapToInt(count).sum();
        if (declared == main || declared == all) {
            return;
        }
        String allZh = b.lists().size() > 1 ? "（含附件共" + all + "）" : "";
        String allEn = b.lists().size() > 1 ? " (" + all + " with the attachments)" : "";
        findings.add(new Finding(FindingKind.COUNT_MISMATCH,
                "通报称" + declared + zh + "，正文清单列出" + main + allZh,
                "the bulletin declares " + declared + " " + en + " but its main list holds " + main + allEn,
                new FindingLocation("main", null, b.declared().sentence())));
    }
}
