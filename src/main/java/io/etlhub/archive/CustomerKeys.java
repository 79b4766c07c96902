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

    /** name|phone for the first phone field the row has (used for staging), or null. */
    public String firstNamePhone(Map<String, String> values) {
        List<String> all = namePhones(values);
        return all.isEmpty() ? null : all.get(0);
    }

    /** name|phone for every phone field the row has. */
    public List<String> namePhones(Map<String, String> values) {
        String name = CompanyNameRule.key(values.get(dedup.name()));
        List<String> keys = new ArrayList<>(2);
        if (name == null || dedup.phones() == null) return keys;
        for (String p : dedup.phones()) {
            String phone = values.get(p);
            if (phone != null) keys.add(name + "|" + phone);
        }
        return keys;
    }
}
