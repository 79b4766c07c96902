package io.etlhub.crm;

import io.etlhub.connector.TableMapping;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Follow-ups for a member written into the CRM (tables task and coupon of mappings/crm.yml): a task
 * for a store's manager and a coupon for the member. Both carry the caller's source key and are
 * inserted only when no row has it, in one CRM transaction: a caller that writes again (an event
 * handed over again after a restart) leaves one task and one coupon.
 */
@Component
public class CrmMemberActions {
    public record Task(String sourceKey, String memberCard, String store, String assignee, String title, String body, LocalDate dueDate) {}

    public record Coupon(String sourceKey, String memberCard, String templateCode, String title, BigDecimal amount, LocalDate validFrom,
                         LocalDate validTo) {}

    /** The states a new task and coupon start in (the CRM's follow-up moves them on). */
    static final String OPEN = "OPEN";
    static final String ISSUED = "ISSUED";

    private final Crm crm;

    public CrmMemberActions(Crm crm) {
        this.crm = crm;
    }

    /** @return true when written now, false when the source key was there already. */
    public boolean write(Task task, Coupon coupon, LocalDateTime now) {
        Boolean written = crm.transactions().execute(s -> {
            boolean t = insertTask(task, now);
            boolean c = coupon != null && insertCoupon(coupon, now);
            return t || c;
        });
        return Boolean.TRUE.equals(written);
    }

    private boolean insertTask(Task task, LocalDateTime now) {
        TableMapping t = crm.table("task");
        String sql = "INSERT INTO " + t.table() + " (" + String.join(", ", t.col("source-key"), t.col("member-card"), t.col("store"),
                t.col("assignee"), t.col("title"), t.col("body"), t.col("due-date"), t.col("status"), t.col("created-at"))
                + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + t.table() + " WHERE " + t.col("source-key") + " = ?)";
        return crm.jdbc().update(sql, task.sourceKey(), task.memberCard(), task.store(), task.assignee(), task.title(), task.body(),
                task.dueDate() == null ? null : Date.valueOf(task.dueDate()), OPEN,
                Timestamp.valueOf(now), task.sourceKey()) == 1;
    }

    private boolean insertCoupon(Coupon c, LocalDateTime now) {
        TableMapping t = crm.table("coupon");
        String sql = "INSERT INTO " + t.table() + " (" + String.join(", ", t.col("source-key"), t.col("member-card"), t.col("template-code"),
                t.col("title"), t.col("amount"), t.col("valid-from"), t.col("valid-to"), t.col("status"), t.col("created-at"))
                + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + t.table() + " WHERE " + t.col("source-key") + " = ?)";
        return crm.jdbc().update(sql, c.sourceKey(), c.memberCard(), c.templateCode(), c.title(), c.amount(), Date.valueOf(c.validFrom()),
                Date.valueOf(c.validTo()), ISSUED, Timestamp.valueOf(now), c.sourceKey()) == 1;
    }
}
