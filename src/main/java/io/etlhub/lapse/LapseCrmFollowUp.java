package io.etlhub.lapse;

import io.etlhub.crm.CrmMemberActions;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * On {@link LapseFired}: a task for the store's manager and a coupon for the member in the CRM
 * (template etlhub.lapse.coupon), keyed by the trigger's event id, so an event handed over again
 * after a restart writes nothing twice.
 */
@Component
class LapseCrmFollowUp {
    private final CrmMemberActions crm;
    private final LapseSettings settings;
    private final MessageSource messages;
    private final Clock clock;

    LapseCrmFollowUp(CrmMemberActions crm, LapseSettings settings, MessageSource messages, Clock clock) {
        this.crm = crm;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(LapseFired fired) {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        String title = messages.getMessage("lapse.task.title", new Object[] {fired.card(), fired.daysSilent()}, zh);
        String body = messages.getMessage("lapse.task.body", new Object[] {fired.card(), fired.daysSilent(), fired.reasonZh(),
                String.join("、", fired.topCategories()), String.join("、", fired.topItems()), settings.coupon().title()}, zh);
        var coupon = settings.coupon();
        crm.write(new CrmMemberActions.Task(fired.eventId(), fired.card(), fired.store(), settings.managerOf(fired.store()), title, body,
                        fired.firedOn().plusDays(settings.taskDueDays())),
                new CrmMemberActions.Coupon(fired.eventId(), fired.card(), coupon.code(), coupon.title(), coupon.amount(), fired.firedOn(),
                        fired.firedOn().plusDays(coupon.validDays())),
                LocalDateTime.now(clock));
    }
}
