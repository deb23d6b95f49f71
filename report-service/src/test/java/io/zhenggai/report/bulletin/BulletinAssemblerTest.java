package io.zhenggai.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.zhenggai.report.bulletin.Bulletin.Block;
import io.zhenggai.report.projection.BulletinQueries;

/** The bulletin built from the {@link Fixtures} ledger: its parts, its words and what its appendix tells the office. */
class BulletinAssemblerTest {

    private final Bulletin bulletin = BulletinAssembler.assemble(Fixtures.input());

    private List<String> texts() {
        return bulletin.blocks().stream().map(Block::text).toList();
    }

    @Test
    void shouldTitleAndIntroduceTheInspectionAsTheImporterReadsIt() {
        assertThat(bulletin.title()).isEqualTo(Fixtures.lists().get(0).title());
        assertThat(texts().get(1)).isEqualTo("2022年6月22日至2022年9月30日，市委第五巡察组对东营经济技术开发区党工委先后开展了"
                + "黄河流域生态保护和高质量发展专项巡察，同时开展了常规巡察，并于2022年12月7日反馈了巡察意见。现将整改进展情况通报如下。");
        assertThat(bulletin.blocks()).filteredOn(b -> b instanceof Bulletin.Signature).extracting(Block::text)
                .containsExactly("中共东营市委经济技术开发区工作委员会");
        assertThat(bulletin.blocks()).filteredOn(b -> b instanceof Bulletin.DateLine).extracting(Block::text)
                .containsExactly("2023年5月10日");
    }

    @Test
    void shouldPrintTheGeneralPartWithCountsRateAndKeyFiguresWithTheirQualifiers() {
        List<String> texts = texts();
        int general = texts.indexOf("一、整改工作基本情况");
        assertThat(general).isEqualTo(2);
        assertThat(texts.get(3)).isEqualTo("市委第五巡察组反馈的意见中指出存在2个方面3类问题，并提出4项意见建议。");
        assertThat(texts.get(4)).isEqualTo("截至2023年5月10日，整改台账共列问题6个（其中正文所列5个，附件1所列1个），"
                + "已完成整改2个，长期坚持1个，正在整改2个，尚未启动1个，整改完成率33.33%，较4月末提高16.67个百分点。");
        // the completion rate is among the counts already; a figure without readings is left out, one that
        // contradicts itself goes to the office's appendix
        assertThat(texts.get(5)).isEqualTo("主要指标：已完成投资13.63亿元；不良贷款率预计2.41%；累计走访企业140余家。");
        assertThat(texts.get(6)).isEqualTo("二、市委第五巡察组反馈意见整改落实进展情况");
    }

    @Test
    void shouldPrintEveryAspectCategoryAndIssueInItsPublishedNumberingWithItsLatestReport() {
        List<String> texts = texts();
        int tree = texts.indexOf("二、市委第五巡察组反馈意见整改落实进展情况");
        int next = texts.indexOf("三、下一步工作");
        assertThat(texts.subList(tree + 1, next)).containsExactly(
                "（一）关于聚焦党中央各项决策部署在基层的落实情况方面",
                "1.学习贯彻落实不够深入,在学懂弄通做实上有差距。",
                "（1）关于理论学习中心组学习制度和“第一议题”制度执行不够严格问题。",
                "整改成效：一是坚持不懈抓好理论武装，已开展集体学习研讨3次。二是梳理信访积案21件，已化解16件，化解率80%。",
                "（2）关于推动新旧动能转换力度不够大的问题。",
                "整改成效：已完成。新材料产业项目已开工18个，已完成投资3.1亿元。",
                // a category without sub-items is itself the issue: its heading carries the problem's description,
                // whose further lines follow as 问题： paragraphs
                "2.关于安全生产存在较多薄弱环节的问题。安全生产责任制落实不到位。",
                "问题：隐患排查治理不彻底。",
                "整改成效：长期坚持。",
                "（二）关于聚焦群众身边腐败问题和不正之风方面",
                "产业发展",
                // 基本完成 was its report's word, but it was completed after that report
                "1.特色产业项目推进慢的问题。",
                "整改成效：已完成。新建大棚120座。",
                // not started: no progress paragraph
                "2.村集体经济薄弱的问题。");
        assertThat(bulletin.blocks().get(tree + 1)).isInstanceOf(Bulletin.Heading.class)
                .extracting(b -> ((Bulletin.Heading) b).level()).isEqualTo(2);
        assertThat(bulletin.blocks().get(tree + 2)).extracting(b -> ((Bulletin.Heading) b).level()).isEqualTo(3);
        assertThat(bulletin.blocks().get(tree + 3)).extracting(b -> ((Bulletin.Heading) b).level()).isEqualTo(4);
    }

    @Test
    void shouldPrintTheNextStepsTheAttachmentsAndTheOfficesAppendix() {
        List<String> texts = texts();
        int next = texts.indexOf("三、下一步工作");
        assertThat(texts.subList(next + 1, next + 4)).containsExactly("坚持目标不变、标准不变、力度不变。", "健全长效机制。",
                "附件：1.关于落实黄河国家战略重点任务方面存在问题整改进展情况");
        int attachment = texts.indexOf("附件1");
        assertThat(bulletin.blocks().get(attachment - 1)).isInstanceOf(Bulletin.PageBreak.class);
        assertThat(texts.subList(attachment, attachment + 5)).containsExactly("附件1",
                "关于落实黄河国家战略重点任务方面存在问题整改进展情况", "（一）关于生态环境保护方面",
                "1.关于互花米草治理成效不佳的问题。", "整改成效：一是成立治理攻坚领导小组。\n二是开展集中学习3次。");
        int appendix = texts.indexOf("附件2");
        assertThat(texts.get(appendix + 1)).isEqualTo(BulletinAssembler.APPENDIX_TITLE);
        assertThat(texts.subList(appendix + 3, texts.size())).containsExactly(
                "◆ 一、整改工作基本情况：反馈意见称3类问题，本通报正文列出4（含附件共5）",
                "◆ 主要指标“现场初步调查”：无法计算，未予列出：同一数据在同一日期报告了不同数值（survey.on_site_completed {} as "
                        + "of 2023-05-10 is reported as 62 家 and 43 家）",
                "◆ 正文（一）1.（1）“关于理论学习中心组学习制度和“第一议题”制度执行不够严格问题”：所列比率80%与分项不符：16件/21件＝76.19%",
                "◆ 附件1（一）1.“关于互花米草治理成效不佳的问题”：该进展报告（2023年5月10日）报送时未附数据核对结果，请人工核对其中的比率与分项");
        assertThat(bulletin.findings()).extracting(Bulletin.Finding::kind)
                .containsExactly("DECLARED_COUNT", "INDICATOR", "RATE_MISMATCH", "UNCHECKED");
    }

    @Test
    void shouldLeaveTheAppendixOutAndTheOneAttachmentUnnumberedWhenThereIsNothingToCheck() {
        BulletinInput clean = new BulletinInput(Fixtures.DATE, new BulletinQueries.InspectionRow(Fixtures.INSPECTION,
                "市委第五巡察组", "东营经济技术开发区党工委", List.of("ROUTINE"), null, null, null, LocalDate.of(2022, 12, 7),
                null, null, null, null, Fixtures.lists()), Fixtures.issues().subList(1, 3).stream().toList(),
                java.util.Map.of(Fixtures.ENERGY, Fixtures.reports().get(Fixtures.ENERGY)), Fixtures.counts(0, 0, 1, 0, 1),
                null, null, List.of(), BulletinAssembler.DEFAULT_NEXT_STEPS);
        Bulletin plain = BulletinAssembler.assemble(clean);
        List<String> texts = plain.blocks().stream().map(Block::text).toList();
        assertThat(plain.findings()).isEmpty();
        assertThat(texts).contains("附件", "附件：关于落实黄河国家战略重点任务方面存在问题整改进展情况")
                .doesNotContain("附件1", "附件2", BulletinAssembler.APPENDIX_TITLE);
        assertThat(texts.get(1)).isEqualTo("市委第五巡察组对东营经济技术开发区党工委开展了常规巡察，并于2022年12月7日反馈了巡察意见。"
                + "现将整改进展情况通报如下。");
        // no declared totals: no sentence that could be read as declaring them; no earlier counts: no change
        assertThat(texts.get(3)).isEqualTo("截至2023年5月10日，整改台账共列问题2个（其中正文所列2个，附件所列0个），"
                + "已完成整改1个，长期坚持1个，正在整改0个，整改完成率50%。");
    }

    @Test
    void shouldMakeAspectsNumberedLikeSectionsTheSectionsThemselves() {
        BulletinQueries.FeedbackList main = new BulletinQueries.FeedbackList("main", "中共青川区委宣传部关于区委第四巡察组巡察反馈问题整改情况的通报",
                null, List.of(new BulletinQueries.Aspect("一、", "关于落实党的理论和路线方针政策方面", "一", List.of(), List.of(
                        new BulletinQueries.Category("(一)", "理论学习流于形式的问题", "一/一"))),
                new BulletinQueries.Aspect("二、", "关于基层党组织建设方面", "二", List.of(), List.of(
                        new BulletinQueries.Category("(一)", "党员发展程序不规范的问题", "二/一")))));
        BulletinQueries.IssueRow study = new BulletinQueries.IssueRow(Fixtures.THEORY, "main", "一", "一、",
                "关于落实党的理论和路线方针政策方面", null, "一/一", "(一)", "理论学习流于形式的问题", "一/一", null, 1,
                "理论学习流于形式的问题", "NOT_STARTED", null, null, List.of());
        BulletinInput input = new BulletinInput(Fixtures.DATE, Fixtures.inspection(List.of(main)), List.of(study),
                java.util.Map.of(), Fixtures.counts(1, 0, 0, 0, 0), null, null, List.of(), "健全长效机制。");
        List<String> texts = BulletinAssembler.assemble(input).blocks().stream().map(Block::text).toList();
        assertThat(texts).doesNotContain("一、整改工作基本情况");
        assertThat(texts).containsSubsequence("一、关于落实党的理论和路线方针政策方面", "（一）理论学习流于形式的问题。",
                "二、关于基层党组织建设方面", "（一）党员发展程序不规范的问题。", "三、下一步工作", "健全长效机制。");
    }
}
