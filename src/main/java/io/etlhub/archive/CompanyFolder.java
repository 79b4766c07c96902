package io.etlhub.archive;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Merges the rows of each company of the file (staged rows in company order, each company's rows in
 * file order) into one {@link Company}, by the mapping's merge policy, so values only a later copy
 * carries (owner, address, a credit code) survive. Each merged row gets a report line naming the row
 * it joined, why they are the same company, and what it filled.
 */
final class CompanyFolder {
    private final MergePolicy policy;
    private final CustomerKeys keys;
    private final FieldLabels labels;
    private final Consumer<CellIssue> issues;
    private final Consumer<Company> companies;
    private final java.util.Set<String> fields;
    private Company current;
    private long currentSeq = -1;
    private long merged;

    CompanyFolder(ArchiveMapping mapping, FieldLabels labels, Consumer<CellIssue> issues, Consumer<Company> companies) {
        this.policy = new MergePolicy(mapping);
        this.keys = new CustomerKeys(mapping.dedup());
        this.labels = labels;
        this.issues = issues;
        this.companies = companies;
        this.fields = mapping.fields().keySet();
    }

    void accept(StagedRow row) {
        if (current == null || row.companySeq() != currentSeq) {
            finish();
            current = new Company(row, policy.asOf(row.values()));
            currentSeq = row.companySeq();
            return;
        }
        String how = sameBecause(current.values, row.values());
        LocalDateTime asOf = policy.asOf(row.values());
        Company company = current;
        company.rows.add(Map.entry(row.sheet(), row.row()));
        List<MergePolicy.Change> changes = policy.merge(company.values, company::asOf, row.values(), f -> asOf, fields);
        changes.forEach(c -> company.took(c.field(), asOf));
        if (asOf != null && (current.asOf == null || asOf.isAfter(current.asOf))) {
            current.asOf = asOf;
            if (policy.recordDateField() != null) current.values.put(policy.recordDateField(), row.values().get(policy.recordDateField()));
        }
        merged++;
        issues.accept(new CellIssue(row.sheet(), row.row(), null, null, labels.describe(changes), CellIssue.Kind.DUPLICATE,
                "archive.reason.duplicate." + how, CellIssue.args(current.sheet, current.row, labels.names(changes))));
    }

    /** Passes on the company being merged, if any. */
    void finish() {
        if (current != null) companies.accept(current);
        current = null;
    }

    /** Rows merged into an earlier row of their company. */
    long merged() { return merged; }

    /** credit-code, name-phone or name: why a row is the same company as the rows before it. */
    private String sameBecause(Map<String, String> company, Map<String, String> row) {
        String code = keys.creditCode(row);
        if (code != null && code.equals(keys.creditCode(company))) return "credit-code";
        String name = keys.nameKey(row);
        if (name != null && name.equals(keys.nameKey(company))) return keys.sharePhone(company, row) ? "name-phone" : "name";
        return "credit-code";
    }
}
