package io.zhenggai.issue.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sentences quoted from the Dongying EDZ rectification bulletin of 2023-05-10 unless marked otherwise. */
class QuantityScannerTest {

    private static List<String> texts(String sentence) {
        return QuantityScanner.scan(sentence).stream().map(QuantityToken::text).toList();
    }

    @Test
    void shouldFindEveryFigureOfTheNewIndustriesSentence() {
        String s = "目前全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元;17个风电装备产业项目已开工9个、"
                + "开工率53%,已完成投资10.2亿元;8个生物医药项目已开工2个,开工率25%,已完成投资3300万元。";
        assertThat(texts(s)).containsExactly("18个", "67%", "3.1亿元", "17个", "9个", "53%", "10.2亿元", "8个",
                "2个", "25%", "3300万元");
    }

    @Test
    void shouldReturnSpansThatCutTheSentenceAtTheToken() {
        String s = "已完成投资3.1亿元;";
        QuantityToken t = QuantityScanner.scan(s).get(0);
        assertThat(t.start()).isEqualTo(5);
        assertThat(t.end()).isEqualTo(10);
        assertThat(s.substring(t.start(), t.end())).isEqualTo(t.text()).isEqualTo("3.1亿元");
        assertThat(t.numberText()).isEqualTo("3.1");
        assertThat(t.unitText()).isEqualTo("亿元");
        assertThat(t.qualifierWords()).isEmpty();
        assertThat(t.ordinal()).isFalse();
    }

    @Test
    void shouldFindTheLoanFiguresWithTheChangeVerb() {
        String s = "预计一季度贷款余额883.94亿元,不良贷款21.27亿元,不良率2.41%,较年初降低0.05个百分点。";
        List<QuantityToken> tokens = QuantityScanner.scan(s);
        assertThat(tokens).extracting(QuantityToken::text)
                .containsExactly("883.94亿元", "21.27亿元", "2.41%", "降低0.05个百分点");
        QuantityToken change = tokens.get(3);
        assertThat(change.qualifierWords()).containsExactly("降低");
        assertThat(change.unitText()).isEqualTo("个百分点");
        Quantity q = change.parse(ParseContext.DEFAULT);
        assertThat(q.value()).isEqualByComparingTo("-0.0005");
        assertThat(q.kind()).isEqualTo(Kind.DIFFERENCE_OF_RATES);
        assertThat(q.change()).isTrue();
        assertThat(tokens.get(0).parse(ParseContext.DEFAULT.withForecast()).forecast()).isTrue();
    }

    @Test
    void shouldKeepTheYuMarkerAsAQualifierWord() {
        QuantityToken t = QuantityScanner.scan("累计走访企业140余家。").get(0);
        assertThat(t.text()).isEqualTo("140余家");
        assertThat(t.numberText()).isEqualTo("140");
        assertThat(t.unitText()).isEqualTo("家");
        assertThat(t.qualifierWords()).containsExactly("余");
        assertThat(t.parse(ParseContext.DEFAULT).qualifier()).isEqualTo(Qualifier.AT_LEAST);
    }

    @Test
    void shouldNotReadTheYueOfQianYueAsApproximate() {
        String s = "截止2023年2月22日开发区各家庭医生团队累计签约123132人。";
        QuantityToken t = QuantityScanner.scan(s).get(0);
        assertThat(t.text()).isEqualTo("123132人");
        assertThat(t.qualifierWords()).isEmpty();
        assertThat(t.parse(ParseContext.DEFAULT).qualifier()).isEqualTo(Qualifier.EXACT);
        assertThat(QuantityScanner.scan("全区户籍人口约123132人").get(0).qualifierWords())
                .as("synthetic: a real 约").containsExactly("约");
    }

    @Test
    void shouldFindABareYiForTheCallerToReadAsMoney() {
        String s = "将东凯开发建设、东凯产投两家国企51.64亿公益性资产划转回管委会";
        List<QuantityToken> tokens = QuantityScanner.scan(s);
        assertThat(tokens).extracting(QuantityToken::text, QuantityToken::unitText)
                .containsExactly(tuple("两家", "家"), tuple("51.64亿", "亿"));
        assertThat(tokens.get(1).parse(ParseContext.DEFAULT.withMoney()).value()).isEqualByComparingTo("5164000000");
    }

    @Test
    void shouldFindACompoundUnit() {
        QuantityToken t = QuantityScanner.scan("目前东城南污水处理厂日进水量10.5万方/日,未出现超负荷运行情况。").get(0);
        assertThat(t.text()).isEqualTo("10.5万方/日");
        assertThat(t.unitText()).isEqualTo("万方/日");
        assertThat(t.parse(ParseContext.DEFAULT).value()).isEqualByComparingTo("105000");
    }

    @Test
    void shouldFindCountsWrittenInChineseNumerals() {
        String s = "市委巡察组提反馈的意见中指出存在4个方面16类问题,并提出四项意见建议。";
        assertThat(QuantityScanner.scan(s)).extracting(QuantityToken::text, QuantityToken::numberText)
                .containsExactly(tuple("4个", "4"), tuple("16类", "16"), tuple("四项", "四"));
    }

    @Test
    void shouldPreferTheLongestClassifier() {
        assertThat(QuantityScanner.scan("接待群众来访12批次12人次")).extracting(QuantityToken::unitText)
                .containsExactly("批次", "人次");
    }

    @Test
    void shouldIncludeASuffixBound() {
        QuantityToken t = QuantityScanner.scan("对年取水量20万方及以上的工业取用水单位进行水资源论证").get(0);
        assertThat(t.text()).isEqualTo("20万方及以上");
        assertThat(t.qualifierWords()).containsExactly("及以上");
    }

    @Test
    void shouldIncludeAPrecedingNegatedBound() {
        QuantityToken t = QuantityScanner.scan("对每个点位进行不低于4次的水质监测").get(0);
        assertThat(t.text()).isEqualTo("不低于4次");
        assertThat(t.parse(ParseContext.DEFAULT).qualifier()).isEqualTo(Qualifier.AT_LEAST);
    }

    @Test
    void shouldMarkANumberAfterDiAsOrdinal() {
        QuantityToken t = QuantityScanner.scan("适时召开2023年度党工委党的建设工作领导小组第一次会议").get(0);
        assertThat(t.text()).isEqualTo("一次");
        assertThat(t.ordinal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "根据市委统一部署,2022年6月22日至9月30日,市委第五巡察组对东营经济技术开发区党工委先后开展了专项巡察",
            "去年,开发区商务部国家级综评考核排名第77位",
            "对全区65岁及以上老年人实现分级分类动态管理",
            "形成《东营经济技术开发区地热资源专项规划(2021-2025)》",
            "昆宇5G通讯储能锂电池项目",
            "PM2.5浓度同比改善",
            "整改期限3个月,两个多小时完成", // synthetic
            "党政一把手一起研究,推动初信初访一次性化解", // partly synthetic
            "一方面加强监管,另一方面引入第三方机构", // synthetic
            "3-5个工作日内办结", // synthetic
            "油锯若干等",
            "(1)关于理论学习。1.关于整改",
    })
    void shouldFindNothingInDatesRanksAgesRangesDurationsAndSetPhrases(String sentence) {
        assertThat(texts(sentence)).isEmpty();
    }

    @Test
    void shouldFindAFullWidthThousandsSeparatedNumber() {
        assertThat(texts("全区已到位外资１，４６５万美元。")).as("synthetic").containsExactly("１，４６５万美元");
        assertThat(QuantityScanner.scan("全区已到位外资１，４６５万美元。").get(0).parse(ParseContext.DEFAULT).value())
                .isEqualByComparingTo("14650000");
    }

    @Test
    void shouldNotSwallowACommaThatSeparatesClauses() {
        assertThat(texts("开工率67%,12个项目")).as("synthetic").containsExactly("67%", "12个");
    }

    @Test
    void shouldFindALatinSymbolUnit() {
        QuantityToken t = QuantityScanner.scan("目前颖科光电年产2GW高效组件项目等6个项目已投产").get(0);
        assertThat(t.text()).isEqualTo("2GW");
        assertThat(t.parse(ParseContext.DEFAULT).value()).isEqualByComparingTo("2000000");
    }

    @Test
    void shouldFindRuogan() {
        QuantityToken t = QuantityScanner.scan("发现问题若干个").get(0);
        assertThat(t.numberText()).isEqualTo("若干");
        assertThat(t.parse(ParseContext.DEFAULT).value()).isNull();
    }

    @Test
    void shouldExposeThePatternForCallersWithTheirOwnMatcher() {
        assertThat(QuantityScanner.pattern().matcher("3.1亿元").matches()).isTrue();
        assertThat(QuantityScanner.pattern().matcher("2023年").matches()).isFalse();
    }
}
