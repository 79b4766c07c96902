package io.etlhub.lapse.rules;

/** The fitted parameters that apply to a member (by tier or home store), or null when none is fitted yet. */
@FunctionalInterface
public interface FittedModels {
    BgNbdModel.Parameters parameters(BgNbdModel model, MemberRhythm member);
}
