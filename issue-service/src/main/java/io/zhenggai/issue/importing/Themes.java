package io.zhenggai.issue.importing;

import java.util.regex.Pattern;

/**
 * The theme an attachment is tied to, from its title: 关于落实黄河国家战略重点任务方面存在问题整改进展情况 is about
 * 黄河国家战略重点任务. The words around the theme are the genre's fixed phrases.
 */
final class Themes {

    private static final Pattern LEAD = Pattern.compile("^(?:关于)?(?:落实|贯彻落实|贯彻)?");
    private static final Pattern TAIL = Pattern.compile(
            "(?:方面)?(?:存在的?问题)?(?:的)?(?:专项)?(?:巡察|巡视)?(?:反馈)?(?:问题)?(?:整改)?(?:落实)?(?:进展)?(?:情况)?(?:的?通报|清单|台账)?$");

    private Themes() {
    }

    /** The theme, or {@code null} when the title is only the genre's words. */
    static String of(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String theme = TAIL.matcher(LEAD.matcher(title.strip()).replaceFirst("")).replaceFirst("");
        return theme.isBlank() ? null : theme;
    }
}
