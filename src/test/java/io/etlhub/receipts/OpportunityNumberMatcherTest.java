package io.etlhub.receipts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityNumberMatcherTest {
    private final OpportunityNumberMatcher matcher =
            new OpportunityNumberMatcher("OPP-\\d{4}-\\d{5}", List.of("商机编号", "商机号", "商机"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "OPP-2026-00012|OPP-2026-00012",
            "商机号：OPP-2026-00012 首付款|OPP-2026-00012",
            "ＯＰＰ－２０２６－０００１２|OPP-2026-00012",
            "opp-2026-00012 尾款|OPP-2026-00012",
            "合同回款 OPP—2026—00012|OPP-2026-00012",
            "商机编号: OPP - 2026 - 00012|OPP-2026-00012",
            "OPP–2026‐00012（第二期）|OPP-2026-00012",
            "商机号OPP-2026-00012|OPP-2026-00012",
            "ref:OPP-2026-00012,OPP-2026-00012|OPP-2026-00012"})
    void findsOneNumberWhateverTheWriting(String memo, String expected) {
        assertThat(matcher.find(memo)).containsExactly(expected);
    }

    @Test
    void findsSeveralDistinctNumbersInOrder() {
        assertThat(matcher.find("OPP-2026-00002 与 opp-2026-00001 合并付款"))
                .containsExactly("OPP-2026-00002", "OPP-2026-00001");
    }

    @Test
    void doesNotReadALongerNumberAsAShorterOne() {
        assertThat(matcher.find("OPP-2026-000123")).isEmpty();
        assertThat(matcher.find("XOPP-2026-00012")).isEmpty();
    }

    @Test
    void emptyAndBlankMemosHaveNoNumber() {
        assertThat(matcher.find(null)).isEmpty();
        assertThat(matcher.find("   ")).isEmpty();
        assertThat(matcher.find("货款")).isEmpty();
    }

    @Test
    void normalisesFullWidthSpacesDashesAndCase() {
        assertThat(matcher.normalise("商机号：ｏｐｐ　－　２０２６")).isEqualTo("OPP-2026");
    }
}
