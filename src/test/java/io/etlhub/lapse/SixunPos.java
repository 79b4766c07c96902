package io.etlhub.lapse;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Sixun-shaped POS database for the lapse tests (t_rm_saleflow lines, t_rm_payflow payments naming the
 * member), sales as the till commits them, and what the tests of the store's robot check.
 */
final class SixunPos {
    private final JdbcTemplate pos;
    private int ticket;

    SixunPos(JdbcTemplate pos) {
        this.pos = pos;
    }

    /** The sale and payment lines and the member table, dropped first; ticket numbers start again. */
    SixunPos createTables() {
        pos.execute("DROP TABLE IF EXISTS t_rm_saleflow");
        pos.execute("DROP TABLE IF EXISTS t_rm_payflow");
        pos.execute("DROP TABLE IF EXISTS t_rm_vip_info");
        pos.execute("CREATE TABLE t_rm_vip_info (card_id BIGINT AUTO_INCREMENT PRIMARY KEY, card_no VARCHAR(20) NOT NULL UNIQUE, "
                + "card_type VARCHAR(10), vip_name VARCHAR(40), branch_no VARCHAR(6), card_status CHAR(1) NOT NULL DEFAULT '0')");
        pos.execute("CREATE TABLE t_rm_saleflow (com_no BIGINT AUTO_INCREMENT PRIMARY KEY, flow_no VARCHAR(20) NOT NULL, flow_id INT NOT NULL, "
                + "branch_no VARCHAR(6) NOT NULL, item_no VARCHAR(20) NOT NULL, item_clsno VARCHAR(10), sale_price DECIMAL(12,2), "
                + "sale_qnty DECIMAL(12,3) NOT NULL, sale_money DECIMAL(12,2) NOT NULL, sell_way CHAR(1) NOT NULL, oper_date DATETIME NOT NULL)");
        pos.execute("CREATE TABLE t_rm_payflow (id BIGINT AUTO_INCREMENT PRIMARY KEY, flow_no VARCHAR(20) NOT NULL, pay_way VARCHAR(4), "
                + "pay_amount DECIMAL(12,2), vip_no VARCHAR(20), oper_date DATETIME NOT NULL)");
        ticket = 0;
        return this;
    }

    /** A member card of the given tier (card_type; null or blank: the POS gives none). */
    void member(String card, String tier) {
        pos.update("INSERT INTO t_rm_vip_info (card_no, card_type) VALUES (?, ?) ON DUPLICATE KEY UPDATE card_type = VALUES(card_type)", card, tier);
    }

    /** One ticket: its lines (item, category, amount) and the payment naming the member, in one POS transaction. */
    void sell(String card, String store, LocalDate day, String sellWay, String... itemCategoryAmount) {
        String flow = "F" + (++ticket);
        Timestamp at = Timestamp.valueOf(day.atTime(19, 30));
        pos.execute((ConnectionCallback<Object>) c -> {
            c.setAutoCommit(false);
            try (var line = c.prepareStatement("INSERT INTO t_rm_saleflow (flow_no, flow_id, branch_no, item_no, item_clsno, sale_qnty, "
                    + "sale_money, sell_way, oper_date) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)");
                 var pay = c.prepareStatement("INSERT INTO t_rm_payflow (flow_no, pay_way, pay_amount, vip_no, oper_date) VALUES (?, 'RMB', 0, ?, ?)")) {
                for (int i = 0; i < itemCategoryAmount.length; i += 3) {
                    line.setString(1, flow);
                    line.setInt(2, i / 3 + 1);
                    line.setString(3, store);
                    line.setString(4, itemCategoryAmount[i]);
                    line.setString(5, itemCategoryAmount[i + 1]);
                    line.setBigDecimal(6, new BigDecimal(itemCategoryAmount[i + 2]));
                    line.setString(7, sellWay);
                    line.setTimestamp(8, at);
                    line.addBatch();
                }
                line.executeBatch();
                pay.setString(1, flow);
                pay.setString(2, card);
                pay.setTimestamp(3, at);
                pay.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            return null;
        });
    }

    /** DingTalk's signature of a signed robot: Base64(HmacSHA256(secret, timestamp + "\n" + secret)). */
    static String dingTalkSign(String secret, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
