package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the inspection team named differently in one bulletin (NAME_MISMATCH): the seed's title and introduction say
 * 市委第五巡察组, its account of the general work says 市委第一巡察组. The name given most often (the title's on a
 * tie) is taken as right; each other name is a finding at its first mention.
 */
final class NameCheck {

    private NameCheck() {
    }

    static List<Finding> apply(List<HeaderReader.TeamMention> mentions) {
        Map<String, List<HeaderReader.TeamMention>> byName = new LinkedHashMap<>();
        for (HeaderReader.TeamMention m : mentions) {
            byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
        }
        if (byName.size() < 2) {
            return List.of();
        }
        String main = byName.keySet().iterator().next();
        for (Map.Entry<String, List<HeaderReader.TeamMention>> e : byName.entrySet()) {
            if (e.getValue().size() > byName.get(main).size()) {
                main = e.getKey();
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<HeaderReader.TeamMention>> e : byName.entrySet()) {
            if (e.getKey().equals(main)) {
                continue;
            }
            HeaderReader.TeamMention first = e.getValue().get(0);
            String team = main.contains("巡视") ? "巡视组" : "巡察组";
            findings.add(new Finding(FindingKind.NAME_MISMATCH,
                    team + "名称不一致：通报称“" + main + "”（" + byName.get(main).size() + "处），此处称“" + e.getKey() + "”",
                    "the inspection team is named " + main + " (" + byName.get(main).size() + " times) but here "
                            + e.getKey(),
                    new FindingLocation("main", null, first.sentence())));
        }
        return findings;
    }
}
