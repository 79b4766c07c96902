package io.etlhub.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage jumps (a move skipping mandatory stages), backward moves, and the completeness of won
 * opportunities, all counted in the database holding the stage history. The month's moves are read
 * once for both move rules; the opportunity (number, owner) is joined only to the rows that become
 * findings.
 */
final class StageRules {
    private static final String JUMP = "r.to_rank - r.from_rank > 1";
    private static final String BACKWARD = "r.to_rank < r.from_rank";

    private final StageHistorySource source;
    private final QualitySettings settings;

    StageRules(StageHistorySource source, QualitySettings settings) {
        this.source = source;
        this.settings = settings;
    }

    /** Moves in the period with the rank of both stages (a new opportunity comes from rank 0). */
    private String rankedMoves() {
        List<String> p = settings.stagePipeline();
        return "SELECT m.opp_id, m.from_stage, m.to_stage, m.changed_at" + source.carried("m") + ", "
                + "CASE WHEN m.from_stage IS NULL THEN 0 ELSE " + SqlText.rank("m.from_stage", p) + " END AS from_rank, "
                + SqlText.rank("m.to_stage", p) + " AS to_rank FROM (" + source.moves() + ") m "
                + "WHERE m.changed_at >= ? AND m.changed_at < ?";
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
            Map<String, Object> counts = source.queryForMap("SELECT COUNT(DISTINCT r.opp_id) AS moved, "
                    + "COUNT(DISTINCT CASE WHEN " + JUMP + " THEN r.opp_id END) AS jumped, "
                    + "COUNT(DISTINCT CASE WHEN " + BACKWARD + " THEN r.opp_id END) AS backward "
                    + "FROM (" + rankedMoves() + ") r", range);
            long moved = number(counts.get("moved"));
            List<Finding> found = moves(jumps, backward, range);
            if (jumps) {
                outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.STAGE_JUMP_RATE, number(counts.get("jumped")), moved),
                        of(found, QualityRule.STAGE_JUMP_RATE)));
            }
            if (backward) {
                outcomes.add(new RuleOutcome(MetricResult.rate(QualityRule.STAGE_BACKWARD_RATE, number(counts.get("backward")), moved),
                        of(found, QualityRule.STAGE_BACKWARD_RATE)));
            }
        }
        if (on.contains(QualityRule.STAGE_COMPLETENESS)) outcomes.add(completeness(period));
        return outcomes;
    }

    /** Jumps and backward moves (never both for one move) in one pass, each capped and ranked on its own. */
    private List<Finding> moves(boolean jumps, boolean backward, Object[] range) {
        String condition = jumps && backward ? "(" + JUMP + ") OR (" + BACKWARD + ")" : jumps ? JUMP : BACKWARD;
        String flagged = "SELECT r.opp_id, r.opp_id AS record_id, r.changed_at AS since, r.from_stage, r.to_stage" + source.carried("r")
                + ", CASE WHEN " + JUMP + " THEN 'J' ELSE 'B' END AS kind FROM (" + rankedMoves() + ") r WHERE " + condition;
        return source.findingsPerKind(source.named(flagged), settings.maxFindingsPerRule(), (rs, i) -> {
            boolean jump = "J".equals(rs.getString("kind"));
            String from = rs.getString("from_stage");
            String to = rs.getString("to_stage");
            QualityRule rule = jump ? QualityRule.STAGE_JUMP_RATE : QualityRule.STAGE_BACKWARD_RATE;
            List<String> args = jump ? List.of(from == null ? "-" : from, to, String.join("、", skipped(from, to))) : List.of(from, to);
            return new Finding(rule, FindingQuery.text(rs.getObject("record_id")), rs.getString("opp_no"), rs.getString("owner"),
                    jump ? "quality.problem.stage-jump" : "quality.problem.stage-backward", args, FindingQuery.since(rs));
        }, range);
    }

    private static List<Finding> of(List<Finding> findings, QualityRule rule) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
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
     * appears (as from or to) in its history up to the end of the period. Only the won opportunities'
     * histories are read (by opportunity), and only the incomplete ones are joined for number and owner.
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
        String won = "SELECT w.opp_id, MIN(w.changed_at) AS won_at FROM (" + source.moves() + ") w WHERE w.to_stage = "
                + SqlText.literal(settings.finalStage()) + " AND w.changed_at >= ? AND w.changed_at < ? GROUP BY w.opp_id";
        String grouped = "SELECT h.opp_id, MAX(won.won_at) AS won_at" + source.carriedGrouped("h") + flags
                + " FROM (" + won + ") won JOIN (" + source.moves() + ") h ON h.opp_id = won.opp_id WHERE h.changed_at < ? "
                + "GROUP BY h.opp_id";
        Object[] args = {period.startTs(), period.endTs(), period.endTs()};
        Map<String, Object> counts = source.queryForMap("SELECT COUNT(*) AS won, SUM(CASE WHEN " + passed + " = " + p.size()
                + " THEN 1 ELSE 0 END) AS complete FROM (" + grouped + ") g", args);
        StringBuilder flagColumns = new StringBuilder();
        for (int i = 0; i < p.size(); i++) flagColumns.append(", g.s").append(i);
        String incomplete = "SELECT g.opp_id, g.opp_id AS record_id, g.won_at AS since" + source.carried("g") + flagColumns + " FROM ("
                + grouped + ") g WHERE " + passed + " < " + p.size();
        String findings = "SELECT n.record_id, n.opp_no AS record_no, n.owner, n.since" + flagColumns.toString().replace("g.", "n.")
                + " FROM (" + source.named(incomplete) + ") n";
        List<Finding> list = source.findings(findings, settings.maxFindingsPerRule(), (rs, row) -> {
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
