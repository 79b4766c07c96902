package io.etlhub.lapse.rules;

import io.etlhub.demo.MemberPurchaseProcess;
import io.etlhub.lapse.rules.BgNbdModel.Parameters;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.etlhub.lapse.rules.BgNbdModel.BG_NBD;
import static io.etlhub.lapse.rules.BgNbdModel.MBG_NBD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Likelihood and P(alive) against values worked out by hand, with B(a,b) = Gamma(a)Gamma(b)/Gamma(a+b) and
 * L = B(a, b+x+s)/B(a,b) * Gamma(r+x) alpha^r / Gamma(r) * [(alpha+T)^-(r+x) + w (alpha+t_x)^-(r+x)],
 * s = 0, w = a/(b+x-1) (BG/NBD, w = 0 for x = 0); s = 1, w = a/(b+x) (MBG/NBD).
 */
class BgNbdModelTest {

    /*
     * r = alpha = a = b = 1, x = 1, t_x = 1, T = 2.
     * BG: B(1,2)/B(1,1) = (1/2)/1 = 1/2; Gamma(2)*1^1/Gamma(1) = 1; tail = 3^-2 + (1/1) 2^-2 = 1/9 + 1/4 = 13/36;
     *     L = 13/72. P(alive) = 1/(1 + 1 * (3/2)^2) = 4/13.
     * MBG: B(1,3)/B(1,1) = 1/3; tail = 1/9 + (1/2)(1/4) = 17/72; L = 17/216. P(alive) = 1/(1 + (1/2)(9/4)) = 8/17.
     */
    @Test
    void oneRepeatVisitWithUnitParameters() {
        Parameters p = new Parameters(1, 1, 1, 1);
        PurchaseHistory h = new PurchaseHistory(1, 1, 2);
        assertThat(BG_NBD.logLikelihood(p, h)).isCloseTo(Math.log(13.0 / 72), within(1e-12));
        assertThat(BG_NBD.probabilityAlive(p, h)).isCloseTo(4.0 / 13, within(1e-12));
        assertThat(MBG_NBD.logLikelihood(p, h)).isCloseTo(Math.log(17.0 / 216), within(1e-12));
        assertThat(MBG_NBD.probabilityAlive(p, h)).isCloseTo(8.0 / 17, within(1e-12));
    }

    /*
     * A single visit: r = 2, alpha = 4, a = 1, b = 3, x = 0, t_x = 0, T = 3.
     * BG: no dropout term; L = (alpha/(alpha+T))^r = (4/7)^2 = 16/49 (the NBD's P(no purchase in T)); P(alive) = 1.
     * MBG: B(1,4)/B(1,3) = (1/4)/(1/3) = 3/4; Gamma(2) 4^2 / Gamma(2) = 16; tail = 7^-2 + (1/3) 4^-2 = 1/49 + 1/48
     *      = 97/2352; L = 3/4 * 16 * 97/2352 = 97/196. P(alive) = 1/(1 + (1/3)(7/4)^2) = 1/(1 + 49/48) = 48/97.
     */
    @Test
    void singleVisitIsAliveForBgButNotForMbg() {
        Parameters p = new Parameters(2, 4, 1, 3);
        PurchaseHistory h = new PurchaseHistory(0, 0, 3);
        assertThat(BG_NBD.logLikelihood(p, h)).isCloseTo(Math.log(16.0 / 49), within(1e-12));
        assertThat(BG_NBD.probabilityAlive(p, h)).isEqualTo(1.0);
        assertThat(MBG_NBD.logLikelihood(p, h)).isCloseTo(Math.log(97.0 / 196), within(1e-12));
        assertThat(MBG_NBD.probabilityAlive(p, h)).isCloseTo(48.0 / 97, within(1e-12));
    }

    /*
     * Non-integer shape: r = 0.5, alpha = 2, a = 2, b = 3, x = 2, t_x = 4, T = 6 (BG/NBD).
     * Gamma(2.5)/Gamma(0.5) = 1.5 * 0.5 = 0.75; alpha^r = sqrt(2); B(2,5)/B(2,3) = (1/30)/(1/12) = 0.4;
     * w = a/(b+x-1) = 2/4 = 0.5; tail = 8^-2.5 + 0.5 * 6^-2.5 = 0.005524272 + 0.005670115 = 0.011194387;
     * L = 0.75 * 1.41421356 * 0.4 * 0.011194387 = 0.42426407 * 0.011194387 = 0.004749376. P(alive) = 1/(1 + 0.5 (8/6)^2.5) = 1/2.02640 = 0.49348.
     */
    @Test
    void fractionalShape() {
        Parameters p = new Parameters(0.5, 2, 2, 3);
        PurchaseHistory h = new PurchaseHistory(2, 4, 6);
        assertThat(Math.exp(BG_NBD.logLikelihood(p, h))).isCloseTo(0.004749376, within(1e-9));
        assertThat(BG_NBD.probabilityAlive(p, h)).isCloseTo(0.49348, within(1e-5));
    }

    @Test
    void historyFromVisitDays() {
        LocalDate d = LocalDate.of(2026, 9, 1);
        assertThat(PurchaseHistory.of(List.of(d, d.plusDays(6), d.plusDays(13)), d.plusDays(30)))
                .isEqualTo(new PurchaseHistory(2, 13, 30));
        assertThat(PurchaseHistory.of(List.of(), d)).isNull();
    }

    /** The fit's summed likelihood is the sum of the members' likelihoods (the fit tables logs per day). */
    @Test
    void fitLikelihoodIsTheSumOverMembers() {
        List<PurchaseHistory> hs = List.of(new PurchaseHistory(1, 1, 2), new PurchaseHistory(0, 0, 3), new PurchaseHistory(2, 4, 6),
                new PurchaseHistory(2, 4, 6));
        Parameters p = new Parameters(0.7, 3, 1.5, 2.5);
        for (BgNbdModel m : BgNbdModel.values()) {
            double sum = hs.stream().mapToDouble(h -> m.logLikelihood(p, h)).sum();
            BgNbdFit.Result fit = BgNbdFit.fit(m, hs);
            assertThat(fit.members()).isEqualTo(4);
            // The optimum is at least as likely as any other point, here p.
            assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(sum - 1e-9);
        }
    }

    /**
     * Members simulated from known parameters (20,000 per model; MBG/NBD found r = 3.34, alpha = 103.1, a = 0.77,
     * b = 2.72 for 3, 90, 0.8, 3): the maximum-likelihood fit finds them again. Rates around
     * one visit a month (r = 3, alpha = 90), so that the process's merging of purchases on one day into
     * one visit (which the model does not know) biases nothing measurable.
     */
    @Test
    void recoversTheParametersItWasSimulatedFrom() {
        for (BgNbdModel model : BgNbdModel.values()) {
            Parameters truth = new Parameters(3, 90, 0.8, 3.0);
            // BG/NBD: dropout after repeat visits only; MBG/NBD: after the first visit too.
            MemberPurchaseProcess process = new MemberPurchaseProcess(truth.r(), truth.alpha(), truth.a(), truth.b(), 42, model == MBG_NBD);
            LocalDate end = LocalDate.of(2026, 9, 30);
            List<PurchaseHistory> histories = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                LocalDate first = end.minusDays(60 + (i % 300));
                histories.add(PurchaseHistory.of(process.next(first, end).visitDays(), end));
            }
            Parameters fitted = BgNbdFit.fit(model, histories).parameters();
            // r and alpha lie on a ridge of the likelihood: their ratio, the mean rate, is known much better than each.
            assertThat(fitted.r() / fitted.alpha()).isCloseTo(truth.r() / truth.alpha(), within(0.05 * truth.r() / truth.alpha()));
            assertThat(fitted.r()).isCloseTo(truth.r(), within(0.2 * truth.r()));
            assertThat(fitted.alpha()).isCloseTo(truth.alpha(), within(0.2 * truth.alpha()));
            assertThat(fitted.a()).isCloseTo(truth.a(), within(0.2 * truth.a()));
            assertThat(fitted.b()).isCloseTo(truth.b(), within(0.2 * truth.b()));
        }
    }
}
