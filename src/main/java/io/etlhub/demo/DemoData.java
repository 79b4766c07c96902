package io.etlhub.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, repeatable demo: customers and opportunities in the CRM; U8 receipts for half of the
 * customers and K3 receipt bills for the other half, with memo variants (full-width, labels, case,
 * odd dashes), foreign currency, red receipts, refunds, unaudited, edited and unmatched documents.
 */
public class DemoData {
    private static final String[] CITIES = {"苏州", "宁波", "东莞", "佛山", "无锡", "常州", "温州", "青岛", "合肥", "成都"};
    private static final String[] TRADES = {"精密机械", "电子科技", "汽车零部件", "新材料", "智能装备", "模具", "五金制品", "塑胶"};
    private static final String[] OWNERS = {"张伟", "李娜", "王强", "刘洋", "陈静", "杨帆"};

    /** Id of the first of the unmatched demo receipts, in U8 and in K3; the others follow. */
    public static final int FIRST_UNMATCHED_ID = 900_001;

    private final Random random;
    private final List<CrmWriter.Customer> customers = new ArrayList<>();
    private final List<CrmWriter.Opp> opportunities = new ArrayList<>();
    private final List<U8ReceiptWriter.Receipt> u8Receipts = new ArrayList<>();
    private final List<K3ReceiptWriter.Bill> k3Bills = new ArrayList<>();
    private final Map<Integer, String> u8Edits = new LinkedHashMap<>();

    public DemoData(long seed, int customerCount) {
        this.random = new Random(seed);
        for (int c = 1; c <= customerCount; c++) {
            customers.add(new CrmWriter.Customer(c, String.format("C%05d", c),
                    pick(CITIES) + pick(TRADES) + "有限公司" + (c % 7 == 0 ? "（" + c + "）" : ""), pick(OWNERS)));
            int opps = 1 + random.nextInt(3);
            for (int k = 0; k < opps; k++) addOpportunity(c);
        }
        int u8Id = 1000, k3Id = 5000;
        for (CrmWriter.Opp o : opportunities) {
            boolean u8 = o.customerId() % 2 == 0;
            if (!"成交".equals(o.stage()) && random.nextInt(10) > 0) continue;
            int receipts = 1 + random.nextInt(3);
            BigDecimal remaining = o.signed().multiply(BigDecimal.valueOf(0.3 + random.nextDouble() * 0.8));
            for (int r = 0; r < receipts; r++) {
                BigDecimal amount = remaining.divide(BigDecimal.valueOf(receipts - r), 2, RoundingMode.HALF_UP);
                remaining = remaining.subtract(amount);
                if (u8) addU8(++u8Id, o, amount); else addK3(++k3Id, o, amount);
            }
        }
        addUnmatched();
        // Edits only of generated receipts, into generated opportunities (never the fixed cases below).
        for (U8ReceiptWriter.Receipt r : u8Receipts) {
            if (r.id() < FIRST_UNMATCHED_ID && random.nextInt(100) < 3) u8Edits.put(r.id(), null);
        }
        int generatedOpportunities = opportunities.size();
        u8Edits.replaceAll((id, memo) -> "商机号：" + opportunities.get(random.nextInt(generatedOpportunities)).number() + " 修改");
        addSuggestionCases(u8Id + 100);
    }

    /**
     * Three customers whose October receipts name no opportunity, for reconciliation's match suggestions (fixed, no
     * randomness): 锡山 pays exactly the outstanding amount of one of its opportunities (one clear candidate), 江阴
     * pays an amount two of its opportunities are both owed (an ambiguous pair), 宜兴 pays an amount none is owed.
     */
    private void addSuggestionCases(int u8Id) {
        long clear = addCaseCustomer("无锡锡山精密机械有限公司");
        CrmWriter.Opp owed = addCaseOpportunity(clear, "86400.00", "2026-10-12");
        addCaseOpportunity(clear, "150000.00", "2026-10-12");
        long pair = addCaseCustomer("江阴澄江电子科技有限公司");
        addCaseOpportunity(pair, "43200.00", "2026-10-20");
        addCaseOpportunity(pair, "43200.00", "2026-10-25");
        long none = addCaseCustomer("宜兴丁蜀新材料有限公司");
        addCaseOpportunity(none, "120000.00", "2026-10-15");
        addCaseReceipt(u8Id, clear, "2026-10-12", owed.signed(), "货款");
        addCaseReceipt(u8Id + 1, pair, "2026-10-22", new BigDecimal("43200.00"), "预付款");
        addCaseReceipt(u8Id + 2, none, "2026-10-15", new BigDecimal("55555.00"), "货款 十月");
    }

    private long addCaseCustomer(String name) {
        long id = customers.size() + 1;
        customers.add(new CrmWriter.Customer(id, String.format("C%05d", id), name, "陈静"));
        return id;
    }

    private CrmWriter.Opp addCaseOpportunity(long customerId, String signed, String planned) {
        int n = opportunities.size() + 1;
        CrmWriter.Opp o = new CrmWriter.Opp(n, String.format("OPP-2026-%05d", n), customerId, "成交", "陈静", "CNY",
                new BigDecimal(signed), LocalDate.of(2026, 8, 10), LocalDate.parse(planned));
        opportunities.add(o);
        return o;
    }

    private void addCaseReceipt(int id, long customerId, String date, BigDecimal amount, String memo) {
        u8Receipts.add(new U8ReceiptWriter.Receipt(id, "48", String.format("SK%08d", id), LocalDate.parse(date),
                customers.get((int) customerId - 1).erpCode(), "人民币", 1.0, List.of(amount), memo, "王会计"));
    }

    private void addOpportunity(long customerId) {
        int n = opportunities.size() + 1;
        int roll = random.nextInt(100);
        String stage = roll < 80 ? "成交" : roll < 88 ? "谈判" : roll < 93 ? "输单" : "批量报价";
        String currency = random.nextInt(100) < 85 ? "CNY" : "USD";
        BigDecimal signed = BigDecimal.valueOf(50_000 + random.nextInt(1_950_000)).setScale(2, RoundingMode.HALF_UP);
        LocalDate won = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300));
        opportunities.add(new CrmWriter.Opp(n, String.format("OPP-2026-%05d", n), customerId, stage, pick(OWNERS), currency,
                signed, "成交".equals(stage) ? won : null, won.plusDays(30 + random.nextInt(60))));
    }

    private void addU8(int id, CrmWriter.Opp o, BigDecimal amount) {
        boolean foreign = "USD".equals(o.currency()) || random.nextInt(10) == 0;
        double rate = foreign ? 7.0 + random.nextInt(300) / 1000.0 : 1.0;
        BigDecimal original = foreign && !"USD".equals(o.currency())
                ? amount.divide(BigDecimal.valueOf(rate), 2, RoundingMode.HALF_UP) : amount;
        int kind = random.nextInt(100);
        String type = kind < 3 ? "49" : "48";
        if (kind >= 3 && kind < 6) original = original.negate().divide(BigDecimal.TEN, 2, RoundingMode.HALF_UP);
        String auditor = random.nextInt(100) < 4 ? null : "王会计";
        u8Receipts.add(new U8ReceiptWriter.Receipt(id, type, String.format("SK%08d", id), receiptDate(o), customerCode(o),
                foreign ? "美元" : "人民币", rate, splitLines(original), memo(o.number()), auditor));
    }

    private void addK3(int id, CrmWriter.Opp o, BigDecimal amount) {
        boolean foreign = "USD".equals(o.currency()) || random.nextInt(10) == 0;
        BigDecimal rate = foreign ? BigDecimal.valueOf(7000 + random.nextInt(300), 3) : BigDecimal.ONE;
        BigDecimal original = foreign && !"USD".equals(o.currency()) ? amount.divide(rate, 2, RoundingMode.HALF_UP) : amount;
        if (random.nextInt(100) < 3) original = original.negate().divide(BigDecimal.TEN, 2, RoundingMode.HALF_UP);
        String status = random.nextInt(100) < 4 ? "B" : "C";
        LocalDate date = receiptDate(o);
        k3Bills.add(new K3ReceiptWriter.Bill(id, String.format("SKD%08d", id), date, customerCode(o), foreign ? "PRE007" : "PRE001",
                rate, splitLines(original), memo(o.number()), status, date.atTime(17, 30)));
    }

    /**
     * Ten U8 and ten K3 receipts of October 2026 the hub cannot match, with fixed document ids from
     * {@link #FIRST_UNMATCHED_ID} on (SK00900001 ..., SKD00900001 ...) so the README can name them.
     */
    private void addUnmatched() {
        String[] memos = {"货款", "预收款 无商机号", "商机号：OPP-2025-99999", "OPP-2026-00001 OPP-2026-00002 合并付款", "退回多收款"};
        for (int i = 0; i < 10; i++) {
            CrmWriter.Customer c = customers.get(random.nextInt(customers.size()));
            LocalDate date = LocalDate.of(2026, 10, 1).plusDays(i * 3);
            BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextInt(90_000)).setScale(2, RoundingMode.HALF_UP);
            int id = FIRST_UNMATCHED_ID + i;
            u8Receipts.add(new U8ReceiptWriter.Receipt(id, "48", String.format("SK%08d", id), date, c.erpCode(),
                    "人民币", 1.0, List.of(amount), memos[i % memos.length], "王会计"));
            k3Bills.add(new K3ReceiptWriter.Bill(id, String.format("SKD%08d", id), date, c.erpCode(), "PRE003",
                    new BigDecimal("7.8"), List.of(amount), i % 2 == 0 ? "商机号 OPP-2026-00003" : memos[i % memos.length], "C",
                    date.atTime(9, 0)));
        }
    }

    /** Everything at once (tests); the demo seeder writes each database on its own. */
    public void writeTo(CrmWriter crm, U8ReceiptWriter u8, K3ReceiptWriter k3) {
        writeCrm(crm);
        writeU8(u8);
        writeK3(k3);
    }

    public void writeCrm(CrmWriter crm) {
        crm.insertCustomers(customers);
        crm.insertOpportunities(opportunities);
    }

    public void writeU8(U8ReceiptWriter u8) {
        u8.insert(u8Receipts);
        u8Edits.forEach((id, memo) -> u8.edit(id, BigDecimal.valueOf(8_888), memo));
    }

    public void writeK3(K3ReceiptWriter k3) {
        k3.insertReferenceData(customers.stream().map(CrmWriter.Customer::erpCode).toList());
        k3.insert(k3Bills);
        k3.edit(k3Bills.get(0).id(), new BigDecimal("12345.67"), "商机号：" + opportunities.get(0).number() + " 修改",
                LocalDateTime.of(2026, 11, 20, 10, 0));
    }

    private String memo(String number) {
        String digits = number.substring(4);
        return switch (random.nextInt(6)) {
            case 0 -> "商机号：" + number + " 首付款";
            case 1 -> "ＯＰＰ－" + toFullWidth(digits);
            case 2 -> number.toLowerCase() + " 尾款";
            case 3 -> "合同回款 OPP—" + digits.replace('-', '—');
            case 4 -> "商机编号: " + number.replace("-", " - ");
            default -> number;
        };
    }

    private static String toFullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch == '-' ? '－' : (char) (ch - '0' + '０'));
        return b.toString();
    }

    private List<BigDecimal> splitLines(BigDecimal total) {
        if (random.nextBoolean() || total.abs().compareTo(BigDecimal.valueOf(100)) < 0) return List.of(total);
        BigDecimal first = total.divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
        return List.of(first, total.subtract(first));
    }

    private LocalDate receiptDate(CrmWriter.Opp o) {
        LocalDate base = o.wonDate() == null ? LocalDate.of(2026, 6, 1) : o.wonDate();
        LocalDate d = base.plusDays(random.nextInt(60));
        return d.isAfter(LocalDate.of(2026, 11, 20)) ? LocalDate.of(2026, 11, 20) : d;
    }

    private String customerCode(CrmWriter.Opp o) {
        return customers.get((int) o.customerId() - 1).erpCode();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    public List<CrmWriter.Customer> customers() { return customers; }

    public List<CrmWriter.Opp> opportunities() { return opportunities; }

    public List<U8ReceiptWriter.Receipt> u8Receipts() { return u8Receipts; }

    public List<K3ReceiptWriter.Bill> k3Bills() { return k3Bills; }
}
