package io.etlhub.lapse;

import io.etlhub.lapse.rules.LapseVerdict;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/lapse/members/{card} (rhythm, rules' verdicts today, triggers), /api/lapse/at-risk,
 * /api/lapse/triggers (per store with {@code store=}), and the console page /console/lapse.
 */
@Controller
class LapseController {
    private final RhythmStore store;
    private final LapseTriggers triggers;
    private final LapseQueries queries;
    private final Clock clock;

    LapseController(RhythmStore store, LapseTriggers triggers, LapseQueries queries, Clock clock) {
        this.store = store;
        this.triggers = triggers;
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/lapse/members/{card}")
    @ResponseBody
    Map<String, Object> member(@PathVariable String card, @RequestParam(required = false) String date) {
        LocalDate today = LapseEvaluateJob.day(date, clock);
        RhythmStore.Member m = store.member(card);
        if (m == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no member " + card + " in the lapse rhythm");
        Rhythm r = store.rhythm(card, today);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("card", card);
        out.put("tier", m.tier());
        out.put("homeStore", m.homeStore());
        out.put("firstVisit", m.firstDay());
        out.put("lastVisit", m.lastDay());
        out.put("daysSilent", r.daysSilent(today));
        out.put("visitDays", r.visitDays());
        out.put("gaps", r.gaps());
        out.put("spendByCategory", r.spendByCategory());
        out.put("spendByStore", r.spendByStore());
        out.put("favouriteStore", r.favouriteStore());
        out.put("topItemsByStore", r.topItemsByStore());
        List<LapseVerdict> verdicts = triggers.verdicts(card, today);
        out.put("verdicts", verdicts);
        out.put("triggers", queries.triggers(null, card, 100));
        return out;
    }

    @GetMapping("/api/lapse/at-risk")
    @ResponseBody
    List<Map<String, Object>> atRisk(@RequestParam(required = false) String store, @RequestParam(defaultValue = "500") int limit) {
        return queries.atRisk(store, limit);
    }

    @GetMapping("/api/lapse/triggers")
    @ResponseBody
    List<Map<String, Object>> fired(@RequestParam(required = false) String store, @RequestParam(defaultValue = "500") int limit) {
        return queries.triggers(store, null, limit);
    }

    @GetMapping("/console/lapse")
    String page(@RequestParam(required = false) String store, Model model) {
        model.addAttribute("store", store);
        model.addAttribute("stores", queries.perStore());
        model.addAttribute("atRisk", queries.atRisk(store, 500));
        model.addAttribute("triggers", queries.triggers(store, null, 200));
        return "console/lapse";
    }
}
