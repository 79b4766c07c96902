package io.etlhub.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage jumps (a move skipping mandatory stages), backward moves, and the completeness of won
 * opportunities, all counted in the database holding the stage history.
 */
final class StageRules {
    private final StageHistorySource source;
    private final QualitySettings settings;

    StageRules(StageHistorySource source, QualitySettings settings) {
        this.source = source;
        this.settings = settings;
    }

    /** Moves in the period with the rank of both stages (a new opportunity comes from rank 0). */
    private String rankedMoves() {
        List<String> p = settings.stagePipeline();
        return "SELECT h.opp_id, h.opp_no, h.owner, h.from_stage, h.to_stage, h.changed_at, "
                + "CASE WHEN h.from_stage IS NULL THEN 0 ELSE " + SqlText.rank("h.from_stage", p) + " END AS from_rank, "
                + SqlText.rank("h.to_stage", p) + " AS to_rank FROM (" + source.relation() + ") h "
                + "WHERE h.changed_at >= ? AND h.changed_at < ?";
    }

    List<RuleOutcome> evaluate(ReportPeriod period) {
        return evaluate(period, java.util.EnumSet.allOf(QualityRule.class));
    }

    /** The stage rules among {@code on}; the others are left to the caller. */
    List<RuleOutcome> evaluate(ReportPeriod period, java.util.Set<QualityRule> on) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        boolean jumps = on.contains(QualityRule.STAGE_JUMP_RATE);
        boolean backward = on.contains(QualityRule.STAGE_BACKWARD_RATE);
        if (jumps || backward) {
            Object[] range = {period.startTs(), period.endTs()};
            Map<String, Object> counts = source.jdbc().queryForMap("SELECT COUNT(DISTINCT r.opp_id) AS moved, "
                    + "COUNT(DISTINCT CASE WHEN r.to_rank - r.from_rank > 1 THEN r.opp_id END) AS jumped, "
                    + "COUNT(DISTINCT CASE WHEN r.to_rank < r.from_rank THEN r.opp_id END) AS backward "
                    + "FROM (" + rankedMoves() + ") r", range);
            long moved = number(counts.get("moved"));
            if (jumps) {
                outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.STAGE_JUMP_RATE, number(counts.get("jumped")), moved),
                        moves(QualityRule.STAGE_JUMP_RATE, "r.to_rank - r.from_rank > 1", range)));
            }
            if (backward) {
                outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.STAGE_BACKWARD_RATE, number(counts.get("backward")), moved),
                        moves(QualityRule.STAGE_BACKWARD_RATE, "r.to_rank < r.from_rank", range)));
            }
        }
        if (on.contains(QualityRule.STAGE_COMPLETENESS)) outcomes.add(completeness(period));
        return outcomes;
    }

    private List<Finding> moves(QualityRule rule, String condition, Object[] range) {
        String sql = "SELECT r.opp_id AS record_id, r.opp_no AS record_no, r.owner AS owner, r.changed_at AS since, "
                + "r.from_stage, r.to_stage FROM (" + rankedMoves() + ") r WHERE " + condition;
        return FindingQuery.run(source.jdbc(), source.dialect(), sql, settings.maxFindingsPerRule(), rs -> {
            String from = rs.getString("from_stage");
            String to = rs.getString("to_stage");
            List<String> args = rule == QualityRule.STAGE_JUMP_RATE
                    ? List.of(from == null ? "-" : from, to, String.join("、", skipped(from, to)))
                    : List.of(from, to);
            return new Finding(rule, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"), rs.getString("owner"),
                    rule == QualityRule.STAGE_JUMP_RATE ? "quality.problem.stage-jump" : "quality.problem.stage-backward",
                    args, FindingQuery.since(rs));
        }, range);
    }

    /** The mandatory stages between two stages of the pipeline (from null = before the first). */
    List<String> skipped(String from, String to) {
        List<String> p = settings.stagePipeline();
        int a = from == null ? -1 : p.indexOf(from);
        int b = p.indexOf(to);
        return a + 1 < b ? p.subList(a + 1, b) : List.of();
    }

    /**
     * Won in the period = moved into the final stage in the period. Complete = every pipeline stage
     * appears (as from or to) in its history up to the end of the period.
     */
    private RuleOutcome completeness(ReportPeriod period) {
        List<String> p = settings.stagePipeline();
        StringBuilder flags = new StringBuilder();
        StringBuilder passed = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            String s = SqlText.literal(p.get(i));
            flags.append(", MAX(CASE WHEN h.from_stage = ").append(s).append(" OR h.to_stage = ").append(s)
                    .append(" THEN 1 ELSE 0 END) AS s").append(i);
            passed.append(i == 0 ? "" : " + ").append("g.s").append(i);
        }
        String won = "SELECT w.opp_id, MIN(w.changed_at) AS won_at FROM (" + source.relation() + ") w WHERE w.to_stage = "
                + SqlText.literal(settings.finalStage()) + " AND w.changed_at >= ? AND w.changed_at < ? GROUP BY w.opp_id";
        String grouped = "SELECT h.opp_id, MAX(h.opp_no) AS opp_no, MAX(h.owner) AS owner, MAX(won.won_at) AS won_at" + flags
                + " FROM (" + source.relation() + ") h JOIN (" + won + ") won ON won.opp_id = h.opp_id WHERE h.changed_at < ? "
                + "GROUP BY h.opp_id";
        Object[] args = {period.startTs(), period.endTs(), period.endTs()};
        Map<String, Object> counts = source.jdbc().queryForMap("SELECT COUNT(*) AS won, SUM(CASE WHEN " + passed + " = " + p.size()
                + " THEN 1 ELSE 0 END) AS complete FROM (" + grouped + ") g", args);
        StringBuilder flagColumns = new StringBuilder();
        for (int i = 0; i < p.size(); i++) flagColumns.append(", g.s").append(i);
        String findings = "SELECT g.opp_id AS record_id, g.opp_no AS record_no, g.owner AS owner, g.won_at AS since" + flagColumns + " FROM ("
                + grouped + ") g WHERE " + passed + " < " + p.size();
        List<Finding> list = FindingQuery.run(source.jdbc(), source.dialect(), findings, settings.maxFindingsPerRule(), rs -> {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) if (rs.getInt("s" + i) == 0) missing.add(p.get(i));
            return new Finding(QualityRule.STAGE_COMPLETENESS, FindingQuery.text(rs.getObject("record_id")), rs.getString("record_no"),
                    rs.getString("owner"), "quality.problem.stage-missing", List.of(String.join("、", missing)), FindingQuery.since(rs));
        }, args);
        return new RuleOutcome(MetricResult.rate(QualityRule.STAGE_COMPLETENESS, number(counts.get("complete")),
                number(counts.get("won"))), list);
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
