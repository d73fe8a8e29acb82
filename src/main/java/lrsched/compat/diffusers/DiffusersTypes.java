package lrsched.compat.diffusers;

import java.util.ArrayList;
import java.util.List;

import lrsched.compat.hf.LambdaLrTypes;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * diffusers' schedules, by their get_scheduler names. Six are transformers' formulas ({@link LambdaLrTypes});
 * piecewise_constant is diffusers' own.
 * Source: huggingface/diffusers src/diffusers/optimization.py.
 */
public final class DiffusersTypes implements Catalog {
    private static final Param LR = Param.real("lr",
            "the optimizer's learning rate; LambdaLR multiplies it by lambda(t)").nonNegative();
    private static final Param STEP_RULES = Param.text("step_rules",
            "\"multiple:threshold,...,last_multiple\", e.g. \"1:10,0.5:20,0.1\"");

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>(LambdaLrTypes.common(LambdaLrTypes.Library.DIFFUSERS));
        all.add(TypeDef.builder("diffusers.piecewise_constant", "lr times a multiple that changes at given steps")
                .formula("step_rules \"m1:s1,m2:s2,...,m_last\" (thresholds sorted)\n"
                        + "lambda(t) = m_i for the smallest threshold s_i > t; m_last when t >= every threshold")
                .notes("Thresholds are absolute steps, not durations: \"1:10,0.1:20,0.01:30,0.005\" is 1 for "
                        + "steps 0-9, 0.1 for 10-19, 0.01 for 20-29 and 0.005 from 30 (the library's docstring "
                        + "reads it as 10, 20 more and 30 more steps; the code does not). Rules are sorted by "
                        + "threshold, a repeated threshold keeps the later multiple, and the last item is a bare "
                        + "multiple (a 'm:s' there is refused). Parsed with Python's int()/float(), so "
                        + "whitespace, signs and exponents are fine. get_scheduler passes only step_rules: "
                        + "num_warmup_steps and num_training_steps are accepted and ignored.")
                .params(LR, STEP_RULES,
                        Param.ignored("num_warmup_steps", "accepted and ignored: get_scheduler does not pass it"),
                        Param.ignored("num_training_steps", "accepted and ignored: get_scheduler does not pass it"))
                .build(a -> {
                    double lr = a.real(LR);
                    StepRules rules;
                    try {
                        rules = StepRules.parse(a.text(STEP_RULES));
                    } catch (IllegalArgumentException e) {
                        throw a.error(STEP_RULES, e.getMessage());
                    }
                    Schedule s = t -> lr * rules.at(t);
                    return s.withPieces(Pieces.at(rules.thresholds())); // constant between thresholds
                }));
        return all;
    }
}
