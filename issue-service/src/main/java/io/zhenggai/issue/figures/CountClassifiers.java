package io.zhenggai.issue.figures;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The open list of count classifiers (量词) in one place: a count keeps its classifier as its unit, so 18个 is
 * 18 of {@code Unit.count("个")} and never adds up with 18家. Add a classifier here when a bulletin uses a new one;
 * nothing else needs to change.
 *
 * <p>Deliberately absent, because in bulletins they mark something other than a count: 年, 月, 日, 号 (dates and
 * document numbers), 位 (a ranking: 第77位), 岁 (an age bound: 65岁及以上), 级 (a grade), 强 (500强), 度 (degrees,
 * also colloquial kWh), 方 (a volume: 10万方). Durations are not counts either: the scanner does not read 3个月.
 */
public final class CountClassifiers {

    private static final Set<String> CLASSIFIERS = Stream.of(
            // things, organisations, people
            "个", "家", "人", "名", "户", "所", "座", "栋", "幢", "间", "套", "台", "辆", "艘", "架", "把", "根",
            "张", "本", "篇", "册", "份", "封", "部", "条", "块", "宗", "处", "口", "株", "棵", "头", "只", "支",
            "盏", "段", "组", "类", "种", "项", "笔", "件", "起", "例",
            // events and their repetitions
            "次", "场", "轮", "堂", "期", "批", "批次", "人次", "户次", "家次", "车次", "架次", "班次", "场次",
            "台次", "件次", "个次", "台套")
            .collect(Collectors.toUnmodifiableSet());

    private CountClassifiers() {
    }

    /** Whether {@code word} is a count classifier on its own (个 yes, 万个 no, 月 no). */
    public static boolean contains(String word) {
        return word != null && CLASSIFIERS.contains(word);
    }

    /** All classifiers, for building a scanner. */
    public static Set<String> all() {
        return CLASSIFIERS;
    }
}
