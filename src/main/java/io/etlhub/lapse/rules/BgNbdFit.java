package io.etlhub.lapse.rules;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Maximum-likelihood fit of {@link BgNbdModel} parameters over many members: Nelder-Mead (Commons Math)
 * on the logarithms of (r, alpha, a, b), so every step stays positive, restarted from its own optimum
 * until it no longer improves (a simplex can stall on a ridge). Members with the same (x, t_x, T) are
 * counted once with a weight, and ln(alpha + d) is tabled per day, so one evaluation costs one exp and
 * one log1p per distinct history.
 */
public final class BgNbdFit {
    /** The optimum, the summed log-likelihood there, how many members it was fitted on. */
    public record Result(BgNbdModel model, BgNbdModel.Parameters parameters, double logLikelihood, long members, int evaluations) {}

    private final BgNbdModel model;
    private final int[] x;
    private final int[] tx;
    private final int[] age;
    private final double[] weight;
    private final int maxX;
    private final int maxAge;
    private final long members;

    private BgNbdFit(BgNbdModel model, Map<PurchaseHistory, Integer> counts) {
        this.model = model;
        int n = counts.size();
        x = new int[n];
        tx = new int[n];
        age = new int[n];
        weight = new double[n];
        int i = 0, mx = 0, ma = 0;
        long total = 0;
        for (Map.Entry<PurchaseHistory, Integer> e : counts.entrySet()) {
            PurchaseHistory h = e.getKey();
            x[i] = h.x();
            tx[i] = h.tx();
            age[i] = h.age();
            weight[i] = e.getValue();
            mx = Math.max(mx, h.x());
            ma = Math.max(ma, h.age());
            total += e.getValue();
            i++;
        }
        maxX = mx;
        maxAge = ma;
        members = total;
    }

    public static Result fit(BgNbdModel model, Collection<PurchaseHistory> histories) {
        Map<PurchaseHistory, Integer> counts = new HashMap<>();
        for (PurchaseHistory h : histories) counts.merge(h, 1, Integer::sum);
        if (counts.isEmpty()) throw new IllegalArgumentException("no member history to fit the " + model + " model on");
        return new BgNbdFit(model, counts).maximise();
    }

    /** The summed log-likelihood of all members at these parameters. */
    public double logLikelihood(BgNbdModel.Parameters p) {
        double[] count = new double[maxX + 1];
        double[] dropout = new double[maxX + 1];
        for (int k = 0; k <= maxX; k++) {
            count[k] = model.logLikelihoodOfCount(p, k);
            dropout[k] = model.logDropoutWeight(p, k);
        }
        double[] lnAlphaPlus = new double[maxAge + 1];
        for (int d = 0; d <= maxAge; d++) lnAlphaPlus[d] = Math.log(p.alpha() + d);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            int k = x[i];
            sum += weight[i] * (count[k] + BgNbdModel.logTail(p.r() + k, lnAlphaPlus[age[i]], lnAlphaPlus[tx[i]], dropout[k]));
        }
        return sum;
    }

    private Result maximise() {
        MultivariateFunction objective = logParams -> {
            BgNbdModel.Parameters p = parameters(logParams);
            if (p == null) return Double.NEGATIVE_INFINITY;
            double ll = logLikelihood(p);
            return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll;
        };
        // Start: one purchase per mean age at rate r/alpha = (mean x + 1) / (mean T + 1), a = b = 1.
        double sumX = 0, sumAge = 0;
        for (int i = 0; i < x.length; i++) {
            sumX += weight[i] * x[i];
            sumAge += weight[i] * age[i];
        }
        double rate = (sumX / members + 1) / (sumAge / members + 1);
        double[] start = {0, Math.log(1 / rate), 0, 0};
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-10, 1e-9));
        int evaluations = 0;
        PointValuePair best = null;
        for (int round = 0; round < 6; round++) {
            PointValuePair next = optimizer.optimize(new MaxEval(20_000), new ObjectiveFunction(objective), GoalType.MAXIMIZE,
                    new InitialGuess(best == null ? start : best.getPoint()), new NelderMeadSimplex(4, round == 0 ? 1.0 : 0.2));
            evaluations += optimizer.getEvaluations();
            boolean improved = best == null || next.getValue() > best.getValue() + 1e-7 * Math.abs(best.getValue());
            if (best == null || next.getValue() > best.getValue()) best = next;
            if (!improved) break;
        }
        return new Result(model, parameters(best.getPoint()), best.getValue(), members, evaluations);
    }

    /** exp of the log-parameters; null where they leave the positive range (over- or underflow). */
    private static BgNbdModel.Parameters parameters(double[] log) {
        double r = Math.exp(log[0]), alpha = Math.exp(log[1]), a = Math.exp(log[2]), b = Math.exp(log[3]);
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || Double.isInfinite(r + alpha + a + b)) return null;
        return new BgNbdModel.Parameters(r, alpha, a, b);
    }
}
