package io.etlhub.lapse;

import java.time.LocalDate;
import java.util.List;

/**
 * A lapse trigger fired: once per member and lapse episode (the episode is named by the last visit
 * day). Published in the hub transaction that stored the trigger (Spring Modulith's publication
 * registry), so a listener that did not finish gets it again after a restart. The stocking hint names
 * the member's top items at the store with their stock ("SP-01（缺货，请补货）"), "-" when there are none;
 * the notification module hands the event to routes/notify-lapse.yaml ({@code direct:lapse-fired}).
 */
public record LapseFired(String eventId, String card, String tier, LocalDate episodeDay, LocalDate firedOn, int daysSilent,
                         String rule, String store, String reasonZh, String reasonEn, List<String> topCategories,
                         List<String> topItems, String stockHintZh, String stockHintEn) {}
