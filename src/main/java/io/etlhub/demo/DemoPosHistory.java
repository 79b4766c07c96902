package io.etlhub.demo;

import org.apache.commons.math3.random.RandomGenerator;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo POS's member history, from a known purchase-and-dropout process ({@link MemberPurchaseProcess},
 * the BG/NBD story), seeded: Sixun-shaped sale lines (t_rm_saleflow) and payment lines naming the member
 * (t_rm_payflow.vip_no), a few returns (sell_way B, the day after a visit: no visit), the members
 * (t_rm_vip_info) and the ground truth (demo_member_truth: each member's dropout day) for the backtest.
 * Two tiers with their own rhythm: VIP about weekly, normal about monthly.
 */
public final class DemoPosHistory {
    /** First visits from here; the history runs to {@link #END} (the backtest's default date plus 60 days). */
    public static final LocalDate START = LocalDate.of(2025, 1, 1);
    public static final LocalDate END = LocalDate.of(2026, 11, 29);
    private static final String[] STORES = {"0001", "0002", "0003", "0004", "0005"};
    private static final int ITEMS = 30;
    private static final DateTimeFormatter TICKET_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private record Tier(String name, double share, double r, double alpha, double a, double b) {}

    private static final List<Tier> TIERS = List.of(
            new Tier("VIP", 0.3, 2.0, 14, 1.0, 12),
            new Tier("normal", 0.7, 1.5, 45, 1.0, 6));

    private final long seed;
    private final int members;

    public DemoPosHistory(long seed, int members) {
        this.seed = seed;
        this.members = members;
    }

    /** Writes the whole history (the caller holds the POS transaction). Returns the sale lines written. */
    public int write(JdbcTemplate pos) {
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> payments = new ArrayList<>();
        List<Object[]> vips = new ArrayList<>();
        List<Object[]> truth = new ArrayList<>();
        List<MemberPurchaseProcess> processes = new ArrayList<>();
        for (int t = 0; t < TIERS.size(); t++) {
            Tier tier = TIERS.get(t);
            processes.add(new MemberPurchaseProcess(tier.r(), tier.alpha(), tier.a(), tier.b(), seed + t));
        }
        RandomGenerator random = processes.get(0).random();
        int span = (int) (END.toEpochDay() - START.toEpochDay()) - 60;
        int[] ticketsPerStoreDay = new int[STORES.length];
        long ticket = 0;
        for (int i = 0; i < members; i++) {
            int t = random.nextDouble() < TIERS.get(0).share() ? 0 : 1;
            Tier tier = TIERS.get(t);
            String card = String.format("V%06d", i + 1);
            int home = random.nextInt(STORES.length);
            LocalDate first = START.plusDays(random.nextInt(span));
            MemberPurchaseProcess.Member m = processes.get(t).next(first, END);
            vips.add(new Object[]{card, tier.name(), "会员" + (i + 1), STORES[home], "0"});
            truth.add(new Object[]{card, tier.name(), STORES[home], Date.valueOf(first),
                    m.dropoutDay() == null ? null : Date.valueOf(m.dropoutDay()), m.rate(), m.dropoutProbability()});
            for (LocalDate day : m.visitDays()) {
                int store = random.nextDouble() < 0.85 ? home : random.nextInt(STORES.length);
                ticket = sale(card, day, store, "A", ++ticket, random, lines, payments);
                if (random.nextDouble() < 0.03 && day.isBefore(END)) {
                    ticket = sale(card, day.plusDays(1), store, "B", ++ticket, random, lines, payments);
                }
            }
        }
        pos.batchUpdate("INSERT INTO t_rm_vip_info (card_no, card_type, vip_name, branch_no, card_status) VALUES (?, ?, ?, ?, ?)", vips);
        pos.batchUpdate("INSERT INTO demo_member_truth (card_no, tier, home_branch, first_day, dropout_day, rate_per_day, dropout_probability) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", truth);
        for (int from = 0; from < lines.size(); from += 5000) {
            pos.batchUpdate("INSERT INTO t_rm_saleflow (flow_no, flow_id, branch_no, item_no, item_clsno, sale_price, sale_qnty, sale_money, "
                    + "sell_way, oper_id, oper_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines.subList(from, Math.min(lines.size(), from + 5000)));
        }
        for (int from = 0; from < payments.size(); from += 5000) {
            pos.batchUpdate("INSERT INTO t_rm_payflow (flow_no, pay_way, pay_amount, vip_no, sell_way, branch_no, oper_date) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", payments.subList(from, Math.min(payments.size(), from + 5000)));
        }
        return lines.size();
    }

    /** One ticket of 1 to 4 lines (a return: one line; sell_way B marks it, quantities stay positive) and its payment line. */
    private static long sale(String card, LocalDate day, int store, String sellWay, long ticket, RandomGenerator random,
                             List<Object[]> lines, List<Object[]> payments) {
        String flowNo = STORES[store] + day.format(TICKET_DAY) + String.format("%06d", ticket % 1_000_000);
        Timestamp at = Timestamp.valueOf(day.atTime(9, 0).plusMinutes(random.nextInt(12 * 60)));
        int count = "B".equals(sellWay) ? 1 : 1 + random.nextInt(4);
        BigDecimal total = BigDecimal.ZERO;
        for (int line = 1; line <= count; line++) {
            int item = random.nextInt(ITEMS);
            BigDecimal price = BigDecimal.valueOf(3 + item * 1.5).setScale(2, RoundingMode.HALF_UP);
            BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(3));
            BigDecimal money = price.multiply(qty);
            total = total.add(money);
            lines.add(new Object[]{flowNo, line, STORES[store], String.format("I%04d", item + 1), String.format("%02d", item % 6 + 1),
                    price, qty, money, sellWay, "1001", at});
        }
        payments.add(new Object[]{flowNo, "RMB", total, card, sellWay, STORES[store], at});
        return ticket;
    }
}
