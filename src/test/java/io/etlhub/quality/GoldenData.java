package io.etlhub.quality;

import io.etlhub.demo.CrmWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The golden dataset (reference CRM + hub receipt ledger) whose October 2026 figures are worked out
 * by hand in {@link QualityGoldenIntegrationTest}.
 */
final class GoldenData {
    private GoldenData() {}

    static void load(JdbcTemplate crm, JdbcTemplate hub) {
        customers(crm);
        opportunities(crm);
        stageHistory(crm);
        leads(crm);
        receipts(hub);
    }

    static Timestamp ts(String text) {
        return Timestamp.valueOf(LocalDateTime.parse(text.replace(' ', 'T')));
    }

    private static void customers(JdbcTemplate crm) {
        String sql = "INSERT INTO crm_customer (id, erp_customer_code, name, credit_code, phone, address, owner, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        crm.update(sql, 1, "C00001", "客户甲", "91310000MA1K000001", "021-1111", "上海", "张三", ts("2026-01-01 00:00:00"));
        crm.update(sql, 2, "C00002", "客户乙", "91310000MA1K000002", "", "苏州", "李四", ts("2026-01-01 00:00:00"));
        crm.update(sql, 3, "C00003", "客户丙", null, "0512-333", null, "王五", ts("2026-01-01 00:00:00"));
        crm.update(sql, 4, "C00004", "客户丁", null, null, null, "王五", ts("2026-11-15 00:00:00"));
        String log = "INSERT INTO crm_customer_change_log (customer_id, field_name, changed_at) VALUES (?, 'phone', ?)";
        for (Object[] row : new Object[][] {{1, "2026-10-05 10:00:00"}, {1, "2026-10-20 10:00:00"}, {1, "2026-10-31 23:00:00"},
                {2, "2026-10-01 12:00:00"}, {2, "2026-10-10 10:00:00"}, {3, "2026-09-15 10:00:00"}, {4, "2026-11-20 10:00:00"}}) {
            crm.update(log, row[0], ts((String) row[1]));
        }
    }

    private static void opportunities(JdbcTemplate crm) {
        new CrmWriter(crm).insertOpportunities(List.of(
                opp(1, "成交", "张三", "2026-10-15"), opp(2, "成交", "张三", "2026-10-20"), opp(3, "需求确认", "李四", null),
                opp(4, "输单", "李四", "2026-09-01"), opp(5, "谈判", "王五", "2026-11-15"), opp(6, "成交", "王五", "2026-09-30"),
                opp(7, "成交", "王五", "2026-10-31"), opp(8, "技术确认", "王五", null)));
        crm.update("UPDATE crm_opportunity SET received_amount = 1000.00 WHERE id = 1");
    }

    private static CrmWriter.Opp opp(long id, String stage, String owner, String planned) {
        return new CrmWriter.Opp(id, String.format("OPP-2026-%05d", id), 1, stage, owner, "CNY", new BigDecimal("10000.00"),
                null, planned == null ? null : LocalDate.parse(planned));
    }

    private static void stageHistory(JdbcTemplate crm) {
        String sql = "INSERT INTO crm_opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by) VALUES (?, ?, ?, ?, 'crm')";
        Object[][] rows = {
                {1, null, "线索", "2026-09-01 09:00:00"}, {1, "线索", "需求确认", "2026-09-10 09:00:00"},
                {1, "需求确认", "技术确认", "2026-10-02 09:00:00"}, {1, "技术确认", "样件验收", "2026-10-05 09:00:00"},
                {1, "样件验收", "批量报价", "2026-10-08 09:00:00"}, {1, "批量报价", "谈判", "2026-10-12 09:00:00"},
                {1, "谈判", "成交", "2026-10-20 09:00:00"},
                {2, null, "线索", "2026-10-01 09:00:00"}, {2, "线索", "成交", "2026-10-03 09:00:00"},
                {3, null, "线索", "2026-09-01 09:00:00"}, {3, "线索", "需求确认", "2026-09-02 09:00:00"},
                {3, "需求确认", "样件验收", "2026-10-10 09:00:00"}, {3, "样件验收", "需求确认", "2026-10-15 09:00:00"},
                {4, "批量报价", "谈判", "2026-09-20 09:00:00"}, {4, "谈判", "输单", "2026-10-18 09:00:00"},
                {5, null, "谈判", "2026-10-25 09:00:00"},
                {6, "线索", "成交", "2026-09-15 09:00:00"},
                {7, "谈判", "成交", "2026-11-02 09:00:00"},
                {8, "线索", "技术确认", "2026-10-06 09:00:00"}};
        for (Object[] r : rows) crm.update(sql, r[0], r[1], r[2], ts((String) r[3]));
    }

    private static void leads(JdbcTemplate crm) {
        String sql = "INSERT INTO crm_lead (id, lead_no, lead_source, owner, created_at, first_follow_up_at) VALUES (?, ?, ?, ?, ?, ?)";
        Object[][] rows = {
                {1, "展会", "张三", "2026-10-02 09:00:00", "2026-10-02 10:00:00"},
                {2, "  ", "张三", "2026-10-03 09:00:00", "2026-10-03 13:00:00"},
                {3, "n/a", "", "2026-10-04 09:00:00", null},
                {4, "官网", "李四", "2026-10-05 09:00:00", "2026-10-09 09:00:00"},
                {5, "无", null, "2026-10-06 09:00:00", "2026-10-06 09:30:00"},
                {6, "转介绍", "王五", "2026-09-30 23:00:00", null},
                {7, null, "王五", "2026-10-31 23:59:00", "2026-11-01 00:30:00"}};
        for (Object[] r : rows) {
            crm.update(sql, r[0], "LEAD-" + r[0], r[1], r[2], ts((String) r[3]), r[4] == null ? null : ts((String) r[4]));
        }
    }

    private static void receipts(JdbcTemplate hub) {
        receipt(hub, "U8", "1", "2026-10-01", "APPLIED", 1L, "APPLY", "2026-10-02 10:00:00");
        event(hub, "U8", "1", "DELTA", "2026-10-12 10:00:00");
        receipt(hub, "U8", "2", "2026-09-20", "APPLIED", 2L, "APPLY", "2026-10-03 09:00:00");
        receipt(hub, "U8", "3", "2026-10-10", "APPLIED", 3L, "APPLY", "2026-10-20 08:00:00");
        event(hub, "U8", "3", "APPLY", "2026-10-25 08:00:00");
        receipt(hub, "K3", "4", "2026-10-28", "APPLIED", 1L, "APPLY", "2026-10-28 18:00:00");
        receipt(hub, "U8", "5", "2026-10-25", "APPLIED", 1L, "APPLY", "2026-11-01 09:00:00");
        receipt(hub, "U8", "6", "2026-10-01", "UNMATCHED", null, "UNMATCH", "2026-10-05 09:00:00");
        receipt(hub, "U8", "7", "2026-09-01", "REVERSED", 2L, "APPLY", "2026-10-06 09:00:00");
    }

    private static void receipt(JdbcTemplate hub, String system, String id, String date, String state, Long opp, String action, String at) {
        hub.update("INSERT INTO receipt_ledger (source_system, document_id, route_id, document_no, document_date, amount, content_hash, "
                        + "state, opportunity_id, opportunity_no, applied_amount, first_seen_at, updated_at) "
                        + "VALUES (?, ?, 'receipts-u8', ?, ?, 100.00, 'h', ?, ?, ?, 100.00, ?, ?)",
                system, id, "SK" + id, java.sql.Date.valueOf(date), state, opp, opp == null ? null : String.format("OPP-2026-%05d", opp),
                ts(at), ts(at));
        event(hub, system, id, action, at);
    }

    private static void event(JdbcTemplate hub, String system, String id, String action, String at) {
        hub.update("INSERT INTO receipt_event (source_system, document_id, action, amount_delta, actor, created_at) VALUES (?, ?, ?, 0, 'hub', ?)",
                system, id, action, ts(at));
    }
}
