package io.etlhub.demo;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The customer-view part of the demo (issue 12): stock, safety stock, shipments, credit lines and open
 * receivables in U8 (even customers) and K3 (odd customers, FCUSTID 100000 + index as the receipts demo
 * has them), ktg-mes work orders on three lines with two shifts and a holiday, and CRM interactions and
 * contracts for the health score. Dates are relative to the day the demo is seeded.
 */
final class DemoCustomerView {
    private static final String[] LINES = {"L1", "L2", "L3"};
    private final Random random;
    private final int customers;
    private final LocalDate today;

    DemoCustomerView(long seed, int customers, LocalDate today) {
        this.random = new Random(seed ^ 0x360L);
        this.customers = customers;
        this.today = today;
    }

    private static String code(int c) { return String.format("C%05d", c); }

    private static String u8Item(int i) { return String.format("M%03d", 100 + i); }

    private static String k3Item(int i) { return String.format("K-%03d", 200 + i); }

    void writeU8(JdbcTemplate jdbc) {
        CustomerViewSourceWriter w = new CustomerViewSourceWriter(jdbc);
        List<Object[]> stock = new ArrayList<>(), inventory = new ArrayList<>(), cust = new ArrayList<>(), dl = new ArrayList<>(),
                lines = new ArrayList<>(), ar = new ArrayList<>();
        int autoId = 0;
        for (int i = 0; i < 20; i++) {
            for (String wh : new String[] {"01", "02"}) {
                int ava = 50 + random.nextInt(600);
                stock.add(new Object[] {++autoId, wh, u8Item(i), ava + 20, 20, ava});
            }
            inventory.add(new Object[] {u8Item(i), "产品" + u8Item(i), (double) (200 + random.nextInt(400))});
        }
        int dlid = 0, line = 0, arId = 0;
        for (int c = 2; c <= customers; c += 2) {
            cust.add(new Object[] {code(c), "客户" + c, (double) (500_000 + random.nextInt(30) * 100_000)});
            ar.add(new Object[] {++arId, code(c), 50_000 + random.nextInt(400_000), random.nextInt(50_000)});
            int items = 1 + random.nextInt(3);
            for (int k = 0; k < items; k++) {
                dl.add(new Object[] {++dlid, String.format("FH%06d", dlid), code(c), Timestamp.valueOf(today.minusDays(1 + random.nextInt(80)).atStartOfDay())});
                int qty = 100 + random.nextInt(2000);
                lines.add(new Object[] {++line, dlid, u8Item(random.nextInt(20)), qty, qty * (80 + random.nextInt(80))});
            }
        }
        w.u8Stock(stock);
        w.u8Inventory(inventory);
        w.u8Customers(cust);
        w.u8Dispatches(dl);
        w.u8DispatchLines(lines);
        w.u8Receivables(ar);
    }

    void writeK3(JdbcTemplate jdbc) {
        CustomerViewSourceWriter w = new CustomerViewSourceWriter(jdbc);
        Timestamp now = Timestamp.valueOf(today.atStartOfDay());
        List<Object[]> materials = new ArrayList<>(), safety = new ArrayList<>(), inv = new ArrayList<>(), out = new ArrayList<>(),
                outLines = new ArrayList<>(), credit = new ArrayList<>(), rec = new ArrayList<>(), recLines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            materials.add(new Object[] {9000 + i, k3Item(i), now});
            safety.add(new Object[] {i + 1, 9000 + i, 100 + random.nextInt(300)});
            inv.add(new Object[] {"INV" + i + "a", 9000 + i, 1, 40 + random.nextInt(500), 0, now});
            inv.add(new Object[] {"INV" + i + "b", 9000 + i, 2, random.nextInt(200), 0, now});
        }
        int fid = 0, entry = 0, arFid = 0;
        for (int c = 1; c <= customers; c += 2) {
            int custId = 100000 + c - 1;
            credit.add(new Object[] {c, custId, 400_000 + random.nextInt(30) * 100_000, now});
            rec.add(new Object[] {++arFid, String.format("AR%06d", arFid), custId, "A", now});
            recLines.add(new Object[] {arFid, arFid, 80_000 + random.nextInt(300_000), random.nextInt(60_000)});
            int items = 1 + random.nextInt(3);
            for (int k = 0; k < items; k++) {
                out.add(new Object[] {++fid, String.format("XSCK%06d", fid), Timestamp.valueOf(today.minusDays(1 + random.nextInt(80)).atStartOfDay()), custId, now});
                int qty = 50 + random.nextInt(1500);
                outLines.add(new Object[] {++entry, fid, 9000 + random.nextInt(20), qty, qty * (60 + random.nextInt(100))});
            }
        }
        w.k3Materials(materials);
        w.k3SafetyStock(safety);
        w.k3Inventory(inv);
        w.k3OutStocks(out);
        w.k3OutStockLines(outLines);
        w.k3Credit(credit);
        w.k3Receivables(rec);
        w.k3ReceivableLines(recLines);
    }

    void writeMes(JdbcTemplate jdbc) {
        CustomerViewSourceWriter w = new CustomerViewSourceWriter(jdbc);
        Timestamp now = Timestamp.valueOf(today.atStartOfDay());
        List<Object[]> ws = new ArrayList<>(), wo = new ArrayList<>(), tasks = new ArrayList<>();
        for (int i = 0; i < LINES.length; i++) ws.add(new Object[] {i + 1, LINES[i], "总装" + (i + 1) + "线", now});
        w.mesWorkstations(ws);
        w.mesShifts(List.of(new Object[] {1, "白班", "08:00", "16:00", now}, new Object[] {2, "中班", "16:00", "00:00", now}));
        w.mesHolidays(List.<Object[]>of(new Object[] {1, Timestamp.valueOf(today.plusDays(10).atStartOfDay()), "HOLIDAY", now}));
        LocalDateTime[] nextFree = new LocalDateTime[LINES.length];
        for (int i = 0; i < LINES.length; i++) nextFree[i] = today.atTime(8, 0);
        int id = 0;
        for (int c = 1; c <= customers; c++) {
            if (c % 3 != 0) continue;
            int l = random.nextInt(LINES.length);
            LocalDateTime start = nextFree[l].plusHours(random.nextInt(8));
            int hours = 8 + random.nextInt(40);
            LocalDateTime end = start.plusHours(hours);
            // Three lines overlap now and then: load above 100 % on some days, as planners know it.
            nextFree[l] = random.nextInt(4) == 0 ? start : end;
            String item = c % 2 == 0 ? u8Item(random.nextInt(20)) : k3Item(random.nextInt(20));
            LocalDate promised = end.toLocalDate().plusDays(random.nextInt(5) - 1);
            wo.add(new Object[] {++id, String.format("WO%06d", id), code(c), String.format("PO-%05d", c), item, hours * 12,
                    Timestamp.valueOf(promised.atStartOfDay()), random.nextInt(5) == 0 ? "PREPARE" : "CONFIRMED", now});
            tasks.add(new Object[] {id, id, LINES[l], Timestamp.valueOf(start), Timestamp.valueOf(end), hours * 12, now});
        }
        w.mesWorkOrders(wo);
        w.mesTasks(tasks);
    }

    /** Interactions and contracts in the CRM, for the health score. */
    void writeCrm(JdbcTemplate jdbc) {
        List<Object[]> activities = new ArrayList<>(), contracts = new ArrayList<>();
        for (int c = 1; c <= customers; c++) {
            activities.add(new Object[] {c, "拜访", Timestamp.valueOf(today.minusDays(random.nextInt(60)).atTime(10, 0))});
            contracts.add(new Object[] {c, String.format("HT-%05d", c), java.sql.Date.valueOf(today.plusDays(random.nextInt(360)))});
        }
        jdbc.batchUpdate("INSERT INTO crm_activity (customer_id, kind, occurred_at) VALUES (?, ?, ?)", activities);
        jdbc.batchUpdate("INSERT INTO crm_contract (customer_id, contract_no, end_date) VALUES (?, ?, ?)", contracts);
    }
}
