package io.etlhub.reconciliation;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.receipts.UnmatchedReceipts;
import io.etlhub.reconciliation.ReconciliationReport.AmountLine;
import io.etlhub.reconciliation.ReconciliationReport.Difference;
import io.etlhub.support.HubIntegrationTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * October 2026 of {@link GoldenDataset}, computed by hand (see the comments), equal to the cent, as at 31 October:
 * receipt 6 (dated 3 November) is in none of October's figures, so OPP-2026-00001 shows October's CRM received and
 * outstanding, not today's.
 */
class ReconciliationGoldenIntegrationTest extends HubIntegrationTest {
    @Autowired
    RouteRunner runner;
    @Autowired
    UnmatchedReceipts queue;
    @Autowired
    ReconciliationService service;

    ReconciliationReport report;

    @BeforeEach
    void load() {
        GoldenDataset.load(crmDb(), u8Db(), k3Db(), runner, queue);
        report = service.report(Period.of("2026-10", null, null));
    }

    @Test
    void controlTotalBalancesToTheCent() {
        ReconciliationReport.ControlTotal c = report.control();
        // Live documents dated in October: 1, 2, 3, 4, 5, 7, 11, 12, 13, 14, 15, 16 (U8) and 21 (K3) = 13;
        // 6 is dated in November, 8 was deleted (REVERSED).
        assertThat(c.documents()).isEqualTo(13);
        // 30000 + 2374.44 - 300 + 2000 + 3000 + 4500 + 12000 + 10000 + 700 + 900 + 250 + 1500 = 66924.44
        assertThat(c.erpReceipts()).isEqualByComparingTo("66924.44");
        // matched: 30000 + 2374.44 - 300 + 2000 + 3000 + 4500 + 1500 = 43074.44
        assertThat(c.matched()).isEqualByComparingTo("43074.44");
        // unmatched: 12000 + 10000 + 700 + 900 = 23600.00
        assertThat(c.unmatched()).isEqualByComparingTo("23600.00");
        assertThat(c.dismissed()).isEqualByComparingTo("250.00");
        // 43074.44 + 23600.00 + 250.00 = 66924.44
        assertThat(c.difference()).isEqualByComparingTo("0.00");
        assertThat(c.balanced()).isTrue();
        // 16 has exchange rate 0: no CNY amount, so it is in none of the CNY figures but in its own bucket, in USD
        assertThat(c.invalid()).containsExactly(new SourceData.InvalidAmount("USD", 1, m("500.00")));
    }

    @Test
    void opportunityLevel() {
        // (number, currency, signed in period, signed cumulative, ERP local in period, ERP to date, CRM, outstanding, deviation, %)
        assertThat(report.opportunities()).extracting(AmountLine::opportunityNo, AmountLine::currency, AmountLine::signedInPeriod,
                AmountLine::signedCumulative, AmountLine::erpReceivedLocal, AmountLine::erpReceivedToDate, AmountLine::crmReceived,
                AmountLine::outstanding, AmountLine::deviation, AmountLine::deviationPercent).containsExactly(
                // ERP in October 30000 - 300 + 4500 + 1500 = 35700; the CRM has 36700 today, November's 1000 (receipt 6)
                // included: as at 31 October 36700 - 1000 = 35700; outstanding then 63300 + 1000 = 64300; deviation 0
                tuple("OPP-2026-00001", "CNY", m("100000.00"), m("100000.00"), m("35700.00"), m("35700.00"), m("35700.00"),
                        m("64300.00"), m("0.00"), m("0.00")),
                // 333.33 USD, local 2374.44; 20000 - 333.33 = 19666.67
                tuple("OPP-2026-00002", "USD", m("0.00"), m("20000.00"), m("2374.44"), m("333.33"), m("333.33"),
                        m("19666.67"), m("0.00"), m("0.00")),
                // not won: signed counts nowhere; 30000 - 2000 = 28000 outstanding
                tuple("OPP-2026-00004", "CNY", m("0.00"), m("0.00"), m("2000.00"), m("2000.00"), m("2000.00"),
                        m("28000.00"), m("0.00"), m("0.00")),
                tuple("OPP-2026-00008", "CNY", m("0.00"), m("6000.00"), m("0.00"), m("0.00"), m("0.00"),
                        m("6000.00"), m("0.00"), null),
                tuple("OPP-2026-00009", "CNY", m("0.00"), m("4000.00"), m("0.00"), m("0.00"), m("0.00"),
                        m("4000.00"), m("0.00"), null),
                // hand edit: CRM 3500 against 3000; 500 / 3000 = 16.67 %
                tuple("OPP-2026-00005", "CNY", m("0.00"), m("8000.00"), m("3000.00"), m("3000.00"), m("3500.00"),
                        m("4500.00"), m("500.00"), m("16.67")),
                // 已回款 with nothing behind it: won in October
                tuple("OPP-2026-00006", "CNY", m("5000.00"), m("5000.00"), m("0.00"), m("0.00"), m("5000.00"),
                        m("0.00"), m("5000.00"), null),
                tuple("OPP-2026-00007", "CNY", m("0.00"), m("12000.00"), m("0.00"), m("0.00"), m("0.00"),
                        m("12000.00"), m("0.00"), null));
        // OPP-2026-00003 (输单, nothing received) is not a line
    }

    @Test
    void customerAndTotalLevels() {
        assertThat(report.customers()).extracting(AmountLine::customerCode, AmountLine::currency, AmountLine::signedInPeriod,
                AmountLine::signedCumulative, AmountLine::erpReceivedLocal, AmountLine::erpUnmatchedLocal,
                AmountLine::crmReceived, AmountLine::outstanding, AmountLine::deviation).containsExactly(
                // opps 1, 4, 8, 9: cumulative 100000 + 6000 + 4000 = 110000; local 35700 + 2000 = 37700;
                // unmatched/dismissed 10000 + 700 + 250 = 10950 (16 is invalid: no CNY amount); CRM 35700 + 2000 = 37700;
                // outstanding 64300 + 28000 + 6000 + 4000 = 102300; deviation 37700 - 37700 = 0
                tuple("C00001", "CNY", m("100000.00"), m("110000.00"), m("37700.00"), m("10950.00"), m("37700.00"),
                        m("102300.00"), m("0.00")),
                tuple("C00001", "USD", m("0.00"), m("20000.00"), m("2374.44"), m("0.00"), m("333.33"), m("19666.67"), m("0.00")),
                // opps 5, 6, 7: cumulative 8000 + 5000 + 12000 = 25000; CRM 3500 + 5000 = 8500; outstanding 4500 + 12000;
                // deviation 8500 - 3000 = 5500
                tuple("C00002", "CNY", m("5000.00"), m("25000.00"), m("3000.00"), m("12000.00"), m("8500.00"),
                        m("16500.00"), m("5500.00")),
                tuple("C99999", "CNY", m("0.00"), m("0.00"), m("0.00"), m("900.00"), m("0.00"), m("0.00"), m("0.00")));
        assertThat(report.totals()).extracting(AmountLine::currency, AmountLine::signedInPeriod, AmountLine::signedCumulative,
                AmountLine::erpReceivedLocal, AmountLine::erpUnmatchedLocal, AmountLine::erpReceivedToDate,
                AmountLine::crmReceived, AmountLine::outstanding, AmountLine::deviation, AmountLine::deviationPercent).containsExactly(
                // 100000 + 5000; 110000 + 25000; 37700 + 3000; 10950 + 12000 + 900; CRM 37700 + 8500; 102300 + 16500;
                // deviation 46200 - 40700 = 5500, 5500 / 40700 = 13.51 %
                tuple("CNY", m("105000.00"), m("135000.00"), m("40700.00"), m("23850.00"), m("40700.00"), m("46200.00"),
                        m("118800.00"), m("5500.00"), m("13.51")),
                tuple("USD", m("0.00"), m("20000.00"), m("2374.44"), m("0.00"), m("333.33"), m("333.33"), m("19666.67"),
                        m("0.00"), m("0.00")));
        // matched in the control total = the CNY column of every currency: 40700.00 + 2374.44 = 43074.44
        assertThat(report.totals().stream().map(AmountLine::erpReceivedLocal).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(report.control().matched());
    }

    @Test
    void everyDifferenceHasItsReasonAndEveryReasonIsCovered() {
        // (reason, document, opportunity it names, currency, amount), grouped by reason then customer
        List<Tuple> found = report.differences().stream()
                .map(d -> tuple(d.reason(), d.documentId(), d.opportunityNo(), d.currency(), d.amount()))
                .toList();
        assertThat(found).containsExactly(
                tuple(Reason.UNMATCHED, "12", null, "CNY", m("10000.00")),           // C00001
                tuple(Reason.UNMATCHED, "11", null, "CNY", m("12000.00")),           // C00002
                tuple(Reason.NOT_WON, "4", "OPP-2026-00004", "CNY", m("2000.00")),   // applied to 谈判
                tuple(Reason.NOT_WON, "13", "OPP-2026-00003", "CNY", m("700.00")),   // 输单: the row names it
                tuple(Reason.PARTIAL_PAYMENT, null, "OPP-2026-00001", "CNY", m("64300.00")), // as at 31 October
                tuple(Reason.PARTIAL_PAYMENT, null, "OPP-2026-00002", "USD", m("19666.67")),
                tuple(Reason.PARTIAL_PAYMENT, null, "OPP-2026-00005", "CNY", m("4500.00")),
                tuple(Reason.REVERSAL, "3", "OPP-2026-00001", "CNY", m("-300.00")),
                tuple(Reason.EDITED_AFTER_APPLY, "7", "OPP-2026-00001", "CNY", m("-500.00")),  // 5000 -> 4500
                tuple(Reason.DELETED_AFTER_APPLY, "8", "OPP-2026-00001", "CNY", m("-800.00")),
                // 2374.44 - 333.33 x 7.1234 = 2374.44 - 2374.442922
                tuple(Reason.ROUNDING, "2", "OPP-2026-00002", "CNY", new BigDecimal("-0.002922")),
                tuple(Reason.PAID_WITHOUT_RECEIPT, null, "OPP-2026-00006", "CNY", m("5000.00")),
                tuple(Reason.CRM_EDITED, null, "OPP-2026-00005", "CNY", m("500.00")), // 3500 - 3000
                tuple(Reason.CUSTOMER_NOT_IN_CRM, "14", null, "CNY", m("900.00")),
                tuple(Reason.DISMISSED, "15", null, "CNY", m("250.00")),
                tuple(Reason.INVALID_DOCUMENT, "16", "OPP-2026-00002", "USD", m("500.00")));  // rate 0, original currency
        // CUSTOMER_MISMATCH comes from the receipts route's customer check (ReasonRulesTest covers the rule);
        // OPPORTUNITY_DELETED unbalances the control total (PeriodEndReconciliationIntegrationTest).
        Set<Reason> covered = report.differences().stream().map(Difference::reason).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.complementOf(EnumSet.of(Reason.CUSTOMER_MISMATCH, Reason.OPPORTUNITY_DELETED)));
    }

    @Test
    void eachOpportunityDeviationIsExplainedByItsReasons() {
        // deviation as at the period end = CRM hand edit (or 已回款 without receipt), per opportunity
        for (AmountLine line : report.opportunities()) {
            BigDecimal explained = report.differences().stream()
                    .filter(d -> line.opportunityNo().equals(d.opportunityNo()) && d.documentId() == null)
                    .filter(d -> EnumSet.of(Reason.CRM_EDITED, Reason.PAID_WITHOUT_RECEIPT).contains(d.reason()))
                    .map(Difference::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(explained).as(line.opportunityNo()).isEqualByComparingTo(line.deviation());
        }
    }

    @Test
    void unmatchedReceiptsCarryTheirSuggestions() {
        var byId = report.unmatched().stream().collect(Collectors.toMap(ReconciliationReport.UnmatchedReceipt::documentId, u -> u));
        assertThat(byId.keySet()).containsExactlyInAnyOrder("11", "12", "13", "14", "15", "16");
        // 12000.00 against OPP-00007's outstanding 12000.00, dated on its planned date: 0.7 x 1 + 0.3 x 1
        assertThat(byId.get("11").suggestions()).extracting(s -> s.opportunityNos(), s -> s.score(), s -> s.ambiguous(), s -> s.split())
                .containsExactly(tuple(List.of("OPP-2026-00007"), new BigDecimal("1.0000"), false, false));
        // 10000.00 = 6000.00 + 4000.00, both planned for 10-15
        assertThat(byId.get("12").suggestions()).extracting(s -> s.opportunityNos(), s -> s.score(), s -> s.split())
                .containsExactly(tuple(List.of("OPP-2026-00008", "OPP-2026-00009"), new BigDecimal("1.0000"), true));
        assertThat(byId.get("13").suggestions()).isEmpty();
        assertThat(byId.get("14").suggestions()).isEmpty(); // no such customer in the CRM
        assertThat(byId.get("15").state()).isEqualTo("DISMISSED");
        // invalid: no suggestion, no CNY amount, the ISO currency and the opportunity its memo names
        assertThat(byId.get("16")).extracting(u -> u.suggestions().isEmpty(), u -> u.currency(), u -> u.localAmount(),
                u -> u.namedOpportunity()).containsExactly(true, "USD", null, "OPP-2026-00002");
        assertThat(byId.get("13").namedOpportunity()).isEqualTo("OPP-2026-00003");
    }

    static BigDecimal m(String value) {
        return new BigDecimal(value);
    }
}
