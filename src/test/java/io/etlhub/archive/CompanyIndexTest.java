package io.etlhub.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The credit-code table kept while reading: each code's first row, every later row remembered for confirmation. */
class CompanyIndexTest {
    @Test
    void everyLaterRowOfACodeJoinsItsFirstRowAcrossTheTablesGrowth() {
        CompanyIndex index = new CompanyIndex();
        int codes = 50_000; // the table starts at 4,096 slots: it grows several times
        for (int seq = 1; seq <= codes; seq++) assertThat(index.companySeq("CODE" + seq, seq)).isEqualTo(seq);
        for (int seq = codes + 1; seq <= 2 * codes; seq++) {
            assertThat(index.companySeq("CODE" + (seq - codes), seq)).isEqualTo(seq - codes);
        }

        int[] joined = index.joined();
        assertThat(joined).hasSize(2 * codes);
        assertThat(joined[0]).isEqualTo(codes + 1);
        assertThat(joined[1]).isEqualTo(1);
        assertThat(index.needsSql()).isFalse();
    }

    @Test
    void aRowWithoutACreditCodeLeavesTheGroupingToSql() {
        CompanyIndex index = new CompanyIndex();
        index.companySeq("CODE1", 1);
        assertThat(index.companySeq(null, 2)).isEqualTo(2);
        assertThat(index.needsSql()).isTrue();
    }
}
