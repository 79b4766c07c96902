package io.etlhub.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The de-duplication keys of a row, as the mapping's dedup section names them. */
public final class CustomerKeys {
    private final ArchiveMapping.Dedup dedup;

    public CustomerKeys(ArchiveMapping.Dedup dedup) {
        this.dedup = dedup;
    }

    public String creditCode(Map<String, String> values) {
        return dedup.creditCode() == null ? null : values.get(dedup.creditCode());
    }

    /** The normalised company name ({@link CompanyNameRule#key}), or null. */
    public String nameKey(Map<String, String> values) {
        return CompanyNameRule.key(values.get(dedup.name()));
    }

    /** Every phone the row has, in the order of the dedup section's phone fields, without repeats. */
    public List<String> phones(Map<String, String> values) {
        List<String> phones = new ArrayList<>(2);
        if (dedup.phones() == null) return phones;
        for (String p : dedup.phones()) {
            String phone = values.get(p);
            if (phone != null && !phones.contains(phone)) phones.add(phone);
        }
        return phones;
    }

    /** Whether two rows share any phone. */
    public boolean sharePhone(Map<String, String> a, Map<String, String> b) {
        List<String> mine = phones(a);
        for (String p : phones(b)) if (mine.contains(p)) return true;
        return false;
    }
}
