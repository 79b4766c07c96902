package io.etlhub.demo;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Fills the reference CRM schema (demo and tests): customers and opportunities. */
public class CrmWriter {
    public record Customer(long id, String erpCode, String name, String owner) {}

    public record Opp(long id, String number, long customerId, String stage, String owner, String currency,
                      BigDecimal signed, LocalDate wonDate, LocalDate plannedReceiptDate) {}

    private final JdbcTemplate jdbc;

    public CrmWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertCustomers(List<Customer> customers) {
        List<Object[]> rows = new ArrayList<>();
        for (Customer c : customers) rows.add(new Object[] {c.id(), c.erpCode(), c.name(), c.owner()});
        jdbc.batchUpdate("INSERT INTO crm_customer (id, erp_customer_code, name, owner) VALUES (?, ?, ?, ?)", rows);
    }

    public void insertOpportunities(List<Opp> opps) {
        List<Object[]> rows = new ArrayList<>();
        for (Opp o : opps) {
            rows.add(new Object[] {o.id(), o.number(), o.customerId(), o.number() + " 项目", o.stage(), o.owner(), o.currency(),
                    o.signed(), o.signed(), o.wonDate() == null ? null : Date.valueOf(o.wonDate()),
                    o.plannedReceiptDate() == null ? null : Date.valueOf(o.plannedReceiptDate())});
        }
        jdbc.batchUpdate("INSERT INTO crm_opportunity (id, opp_no, customer_id, name, stage, owner, currency, signed_amount, "
                + "outstanding_amount, won_date, planned_receipt_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
}
