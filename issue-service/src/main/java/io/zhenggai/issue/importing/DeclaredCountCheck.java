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
        if (d.measures() != null) {
            int main = measures(bulletin.mainList());
            int all = bulletin.lists().stream().mapToInt(DeclaredCountCheck::measures).sum();
            if (d.measures() != main && d.measures() != all) {
                String allZh = bulletin.lists().size() > 1 ? "（含附件共" + all + "条）" : "";
                String allEn = bulletin.lists().size() > 1 ? " (" + all + " with the attachments)" : "";
                findings.add(new Finding(FindingKind.COUNT_MISMATCH,
                        "通报称整改措施" + d.measures() + "条，正文各问题列出整改措施" + main + "条" + allZh,
                        "the bulletin declares " + d.measures() + " measures but the problems of its main list "
                                + "give " + main + allEn,
                        new FindingLocation("main", null, d.measuresSentence())));
            }
        }
        return findings;
    }

    private static int measures(FeedbackList list) {
        return list.issues().stream().mapToInt(i -> i.measures().size()).sum();
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
