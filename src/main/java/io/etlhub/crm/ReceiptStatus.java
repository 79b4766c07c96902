package io.etlhub.crm;

import java.math.BigDecimal;

/** 未回款 / 部分回款 / 已回款 / 超额回款: the CRM's receipt status, from signed and received. */
public enum ReceiptStatus {
    NONE("none"), PARTIAL("partial"), PAID("paid"), OVER("over");

    private final String key;

    ReceiptStatus(String key) {
        this.key = key;
    }

    /** The key under receipt-status-values in mappings/crm.yml. */
    public String key() { return key; }

    public static ReceiptStatus of(BigDecimal signed, BigDecimal received) {
        BigDecimal s = signed == null ? BigDecimal.ZERO : signed;
        BigDecimal r = received == null ? BigDecimal.ZERO : received;
        if (r.signum() <= 0) return NONE;
        int c = r.compareTo(s);
        return c < 0 ? PARTIAL : c == 0 ? PAID : OVER;
    }
}
