package io.etlhub.lapse.rules;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005) and its MBG/NBD variant (Batislam, Denizel and Filiztekin
 * 2007): purchases while alive are Poisson with a rate lambda ~ Gamma(r, alpha); after each repeat purchase
 * (MBG/NBD: also after the first) the member drops out with probability p ~ Beta(a, b). Time in days.
 * Formulas as in ../shared/reference/erp-schemas.md and lifetimes' beta_geo_fitter / modified_beta_geo_fitter.
 */
public enum BgNbdModel {
    /** Dropout only after repeat purchases: P(alive) = 1 for a member without a repeat purchase. */
    BG_NBD,
    /** Dropout possible after the first purchase too: P(alive) < 1 for a single-purchase member. */
    MBG_NBD;

    /** The fitted parameters of one model. */
    public record Parameters(double r, double alpha, double a, double b) {
        public Parameters {
            if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive: r=" + r + " alpha=" + alpha + " a=" + a + " b=" + b);
            }
        }
    }

    /**
     * The part of the log-likelihood that depends on x only (same for every member with x repeat purchases):
     * ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x+s) - ln B(a, b), s = 0 (BG) or 1 (MBG).
     */
    double logLikelihoodOfCount(Parameters p, int x) {
        int shift = this == MBG_NBD ? 1 : 0;
        return logGamma(p.r() + x) - logGamma(p.r()) + p.r() * Math.log(p.alpha())
                + logGamma(p.a() + p.b()) + logGamma(p.b() + x + shift) - logGamma(p.b()) - logGamma(p.a() + p.b() + x + shift);
    }

    /**
     * ln a - ln(b + x - 1) (BG, x > 0) or ln a - ln(b + x) (MBG): the weight of "dropped out after the last
     * purchase" against "still alive"; NEGATIVE_INFINITY for BG with x = 0 (no such term).
     */
    double logDropoutWeight(Parameters p, int x) {
        if (this == BG_NBD) return x == 0 ? Double.NEGATIVE_INFINITY : Math.log(p.a()) - Math.log(p.b() + x - 1);
        return Math.log(p.a()) - Math.log(p.b() + x);
    }

    /**
     * ln L(r, alpha, a, b | x, t_x, T) = c(x) + ln[(alpha+T)^-(r+x) + w(x) (alpha+t_x)^-(r+x)], with c and w
     * as in {@link #logLikelihoodOfCount} and {@link #logDropoutWeight}.
     */
    public double logLikelihood(Parameters p, PurchaseHistory h) {
        return logLikelihoodOfCount(p, h.x()) + logTail(p.r() + h.x(), Math.log(p.alpha() + h.age()), Math.log(p.alpha() + h.tx()),
                logDropoutWeight(p, h.x()));
    }

    /** ln[exp(-(r+x) lnAlphaT) + exp(w - (r+x) lnAlphaTx)], without overflow. */
    static double logTail(double rx, double lnAlphaT, double lnAlphaTx, double logWeight) {
        double alive = -rx * lnAlphaT;
        if (logWeight == Double.NEGATIVE_INFINITY) return alive;
        double dropped = logWeight - rx * lnAlphaTx;
        double max = Math.max(alive, dropped);
        return max + Math.log1p(Math.exp(-Math.abs(alive - dropped)));
    }

    /**
     * P(alive | x, t_x, T) = 1 / (1 + w(x) ((alpha+T)/(alpha+t_x))^(r+x)), w = a/(b+x-1) (BG, x > 0), a/(b+x) (MBG);
     * 1 for BG with x = 0.
     */
    public double probabilityAlive(Parameters p, PurchaseHistory h) {
        double logWeight = logDropoutWeight(p, h.x());
        if (logWeight == Double.NEGATIVE_INFINITY) return 1.0;
        double logOdds = logWeight + (p.r() + h.x()) * (Math.log(p.alpha() + h.age()) - Math.log(p.alpha() + h.tx()));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }
}
