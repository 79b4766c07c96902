/**
 * POS purchase rhythm and lapse triggers (issue 13): sale lines captured from the POS (CDC or polling
 * on a rising column) into each member's rhythm, the lapse rules of {@code lapse.rules} per tier, one
 * trigger per lapse episode told to the store (etlhub-notify) and followed up in the CRM (task and
 * coupon, event {@link io.etlhub.lapse.LapseFired}). See docs/lapse.md.
 */
package io.etlhub.lapse;
