package lrsched.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.Curve;
import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.chart.Decimator;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurveSamplerTest {

    private static Curve curve(String flags) {
        return new Curve("c", Flags.schedule(flags));
    }

    @ParameterizedTest(name = "{0} steps {1}..{2}, {3} columns")
    @CsvSource(delimiter = '|', value = {
        "type=noam,d_model=512,warmup=4000                                          | 0      | 20000   | 1600",
        "type=noam,d_model=512,warmup=4000                                          | 3999   | 4001    | 1",
        "type=noam,d_model=512,warmup=4000                                          | 0      | 20000   | 100000",
        "type=torch.CosineAnnealingWarmRestarts,lr=0.1,T_0=1000,T_mult=2,eta_min=1e-6 | 0    | 2000000 | 1600",
        "type=torch.CosineAnnealingWarmRestarts,lr=0.1,T_0=7,T_mult=1                 | 3    | 300000  | 997",
        "type=hf.cosine,lr=0.001,num_warmup_steps=100,num_training_steps=10000,num_cycles=3.3 | 50 | 1000000 | 1600",
        "type=hf.linear,lr=0.001,num_warmup_steps=500,num_training_steps=100000     | 499    | 250000  | 1601",
        "type=hf.polynomial,lr=0.001,num_warmup_steps=10,num_training_steps=100000,power=2 | 5 | 300000 | 800",
        "type=hf.constant_with_warmup,lr=0.001,num_warmup_steps=1000                | 0      | 1000000 | 1600",
        "type=step,lr=0.1,step_size=1000,gamma=0.5,warmup=300                      | 17     | 1000000 | 1600",
        "type=multistep,lr=0.1,milestones=[3000,3001,500000],gamma=0.1              | 0      | 1000000 | 1600",
        "type=exponential,lr=0.1,gamma=0.999,decay_steps=10,staircase=true,min_lr=1e-6 | 0   | 1000000 | 1600",
        "type=cosine,lr=1,min_lr=0.1,warmup=1000,total=1000000,warmup_shape=cosine   | 0      | 1200000 | 1600",
        "type=wsd,lr=1,min_lr=0,total=1000000,decay_steps=200000,decay_shape=1-sqrt,warmup=10 | 0 | 1000000 | 1600",
        "type=timm.CosineLRScheduler,lr=0.1,t_initial=1000,cycle_mul=2,cycle_decay=0.5,cycle_limit=5,warmup_t=50"
                + " | 0 | 1000000 | 1600",
        "type=torch.OneCycleLR,max_lr=0.1,total_steps=100000                         | 0      | 100000  | 1600",
        "type=megatron.OptimizerParamScheduler,lr=0.001,min_lr=0.0001,lr_warmup_iters=100,train_iters=500000,"
                + "global_batch_size=8,lr_decay_style=WSD,lr_wsd_decay_iters=100000 | 0 | 600000 | 1600",
        "type=nemo.CosineAnnealing,lr=0.001,min_lr=0.00001,max_steps=400000,warmup_steps=1000 | 0 | 500000 | 1600",
        "type=cosine,lr=1,min_lr=0,total=2000000000000                              | 1000000000000 | 600000  | 1600",
        "type=timm.StepLRScheduler,lr=0.1,decay_t=30,decay_rate=0.5,warmup_t=5,warmup_lr_init=0.0001"
                + " | 0 | 1000000 | 1600",
        "type=timm.StepLRScheduler,lr=0.1,decay_t=1,decay_rate=0.99,warmup_t=7,warmup_prefix=false | 3 | 100000 | 997",
        "type=timm.MultiStepLRScheduler,lr=0.1,decay_t=[10,10,500000],decay_rate=0.1,warmup_t=3,warmup_prefix=false"
                + " | 0 | 1000000 | 1600",
        // DeepSpeed, fvcore and Megatron at 10^7 to 10^8 steps (issue 18): the clamps at the ends of the runs
        "type=deepspeed.WarmupDecayLR,total_num_steps=100000000,warmup_num_steps=1000,warmup_type=log,"
                + "warmup_max_lr=0.01 | 99500000 | 100500000 | 1600",
        "type=deepspeed.WarmupCosineLR,lr=0.01,total_num_steps=30000000,warmup_num_steps=500,warmup_min_ratio=0.1,"
                + "cos_min_ratio=0.01 | 29000000 | 30500000 | 1600",
        "type=deepspeed.OneCycle,cycle_min_lr=0.0001,cycle_max_lr=0.01,cycle_first_step_size=1000000.5,"
                + "cycle_second_step_size=3000000,cycle_first_stair_count=7,decay_lr_rate=0.001,decay_step_size=100"
                + " | 0 | 5000000 | 1600",
        "type=fvcore.MultiStepParamScheduler,values=[0.1,0.01,0.001],milestones=[30000000,50000000],"
                + "num_updates=60000000,max_iter=60000000 | 29000000 | 31000000 | 997",
        "type=fvcore.StepWithFixedGammaParamScheduler,base_value=0.1,num_decays=5,gamma=0.5,num_updates=1,"
                + "max_iter=900000 | 0 | 2000000 | 997",
        "type=fvcore.CosineParamScheduler,start_value=0.1,end_value=0.001,max_iter=100000000 | 99000000 | 101000000"
                + " | 1600",
        "type=fvcore.ExponentialParamScheduler,start_value=0.1,decay=0.02,max_iter=50000000 | 49000000 | 50500000"
                + " | 1600",
        "type=megatron.OptimizerParamScheduler,lr=0.001,min_lr=0.00001,lr_warmup_iters=2000,train_iters=50000000,"
                + "global_batch_size=4,lr_decay_style=cosine | 49000000 | 51000000 | 1600",
        "type=fairseq.triangular,lr=0.0001,max_lr=0.01,lr_period_updates=3000001,lr_shrink=0.9,shrink_min=true"
                + " | 19000000 | 21000000 | 1600",
        "type=fairseq.tri_stage,lr=0.01,warmup_steps=10000,hold_steps=20000000,decay_steps=70000000 | 19000000"
                + " | 21000000 | 1600",
        "type=optax.warmup_cosine_decay_schedule,init_value=0,peak_value=0.001,warmup_steps=5000,"
                + "decay_steps=40000000,end_value=0.00001 | 39000000 | 41000000 | 1600",
        "type=optax.cosine_onecycle_schedule,transition_steps=30000000,peak_value=0.01 | 8500000 | 9500000 | 1600",
        "type=keras.ExponentialDecay,initial_learning_rate=0.1,decay_steps=1000000.5,decay_rate=0.5,staircase=true"
                + " | 9000000 | 11000000 | 1600",
        "type=hf.warmup_stable_decay,lr=0.001,num_warmup_steps=1000,num_stable_steps=20000000,"
                + "num_decay_steps=3000000,decay_type=cosine,num_cycles=1.5,min_lr_ratio=0.1 | 19500000 | 23500000"
                + " | 1600",
        "type=hf.cosine_warmup_with_min_lr,lr=0.001,num_warmup_steps=7,num_training_steps=1000000,num_cycles=3.7,"
                + "min_lr_rate=0.05 | 0 | 3000000 | 1597",
        // ultralytics: the warmup ends inside epoch 290, the last batch (14,999,999) repeats
        "type=ultralytics.BaseTrainer,lr0=0.01,lrf=0.01,cos_lr=true,epochs=300,warmup_epochs=290.3,"
                + "warmup_bias_lr=0.1,batches_per_epoch=50000,param_group=bias | 14000000 | 15000000 | 1600",
        // restarts, one-cycles and fastai's fits near 10^7 steps: cycles whose ends the arithmetic rounds past 1
        "type=cosine_restarts,lr=0.1,min_lr=0.001,period=1000003,period_mult=1.7,peak_decay=0.8,warmup=100"
                + " | 9000000 | 11000000 | 1600",
        "type=cyclic,lr=0.1,min_lr=0.001,step_size=300001,step_size_down=700003,mode=triangular2 | 9500000"
                + " | 10500000 | 1600",
        "type=one_cycle,lr=0.1,total=10000001,pct_start=0.37,three_phase=true,anneal=linear | 0 | 11000000 | 1600",
        "type=hf.cosine_with_restarts,lr=0.001,num_warmup_steps=1000,num_training_steps=20000000,num_cycles=7.3"
                + " | 9000000 | 11000000 | 1600",
        "type=keras.CosineDecayRestarts,initial_learning_rate=0.1,first_decay_steps=1000000.5,t_mul=1.5,m_mul=0.9,"
                + "alpha=0.01 | 9000000 | 11000000 | 1600",
        "type=fairseq.cosine,lr=0.1,min_lr=0.0001,warmup_updates=1000,lr_period_updates=999999,t_mult=1.3,"
                + "lr_shrink=0.7 | 9000000 | 11000000 | 1600",
        "type=fastai.fit_one_cycle,n_epoch=100,lr_max=0.01,batches_per_epoch=100001 | 9500000 | 10000099 | 1600",
        "type=nemo.NoamAnnealing,lr=1,d_model=512,warmup_steps=10000000 | 9900000 | 10100000 | 1600",
        "type=keras.InverseTimeDecay,initial_learning_rate=0.1,decay_steps=1000,decay_rate=-0.00010001 | 9900000"
                + " | 10100000 | 1600",
        // torch's replayed recursions, across the step (Replay.LIMIT = 10^7) where the closed form takes over
        "type=torch.StepLR,lr=0.1,step_size=1,gamma=0.9999999                       | 9700000 | 10300000 | 1600",
        "type=torch.StepLR,lr=0.1,step_size=1000,gamma=1                            | 0      | 2000000  | 1600",
        "type=torch.StepLR,lr=0.1,step_size=-300,gamma=1.001                        | 123    | 3000000  | 997",
        "type=torch.MultiStepLR,lr=0.1,milestones=[3,10000000,10000000,10000001,90000000],gamma=0.1"
                + " | 9990000 | 10010000 | 997",
        "type=torch.ExponentialLR,lr=0.1,gamma=0.999999                             | 9800000 | 10200000 | 1600",
        "type=torch.CosineAnnealingLR,lr=0.1,T_max=1                                | 0      | 20000    | 1600",
        "type=torch.CosineAnnealingLR,lr=0.1,T_max=2500000                          | 9800000 | 10200000 | 1600",
        "type=torch.CosineAnnealingLR,lr=0.1,T_max=-7                               | 3      | 30000    | 1601",
        "type=torch.LinearLR,lr=0.1,start_factor=0.25,total_iters=10000000          | 9900000 | 10100000 | 1600",
        "type=torch.LinearLR,lr=0.1,start_factor=1,end_factor=0,total_iters=5000    | 0      | 20000    | 1600",
        "type=torch.PolynomialLR,lr=0.1,total_iters=10000000,power=2                | 9900000 | 10100000 | 1600",
        "type=torch.ConstantLR,lr=0.1,factor=0.5,total_iters=10000000               | 9999000 | 10001000 | 50",
        "type=torch.CyclicLR,base_lr=0.001,max_lr=0.1,step_size_up=2000,mode=triangular2 | 0  | 1000000  | 1600",
        "type=torch.CyclicLR,base_lr=0.1,max_lr=0.001,step_size_up=3,step_size_down=7 | 5    | 300000   | 997",
    })
    void chartPointsFromPiecesEqualThoseFromEveryStep(String flags, long from, long to, int columns) {
        Curve c = curve(flags);
        long last = to >= from ? to : from + to; // the last row: an end below the start is a length
        assertThat(c.schedule().pieces().known()).isTrue();
        assertThat(CurveSampler.byPieces(c, from, last, columns))
                .isEqualTo(CurveSampler.everyStep(c, new StepSelection.Range(from, last, 1), columns));
    }

    @Test
    void aTrillionStepsKeepEachColumnsEndsAndExtremesAtTheValuesTheScheduleGives() {
        Curve c = curve("type=cosine,lr=1,min_lr=0.01,warmup=1000000,total=1000000000000");
        Schedule s = c.schedule();
        Decimator.Points p = CurveSampler.points(c, new StepSelection.Range(0, 999_999_999_999L, 1), 1600);
        assertThat(p.size()).isBetween(1600, 4 * 1600 + 2);
        assertThat(p.steps()[0]).isZero();
        assertThat(p.steps()[p.size() - 1]).isEqualTo(999_999_999_999L);
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.values()[i]).isEqualTo(s.at(p.steps()[i]));
            assertThat(i == 0 || p.steps()[i] > p.steps()[i - 1]).isTrue();
        }
        assertThat(p.steps()).contains(999_999L, 1_000_000L); // both sides of the warmup end
    }

    /** A curve that turns at every step (like a rising factor times a falling one) and says so. */
    private static Curve turningAtEveryStep() {
        Schedule zigzag = t -> (t & 1) == 0 ? 1.0 : 0.5;
        return new Curve("zigzag", zigzag.withPieces(step -> step + 1));
    }

    @Test
    void piecesOfAStepOverAHugeRangeAreRefusedWithAWayOutNotEvaluatedForHours() {
        assertThatThrownBy(() -> CurveSampler.points(turningAtEveryStep(),
                new StepSelection.Range(0, 999_999_999_999L, 1), 1600))
                .isInstanceOf(InputException.class)
                .hasMessage("schedule 'zigzag': its monotone pieces are too short to chart 1,000,000,000,000 steps "
                        + "(it turns at nearly every step there), and plot evaluates at most 100,000,000 steps one by "
                        + "one; thin them out with --every 10000 (or a larger K)");
    }

    @Test
    void piecesOfAStepOverARangeEveryStepMayTakeGiveTheEveryStepChart() {
        Curve c = turningAtEveryStep();
        StepSelection.Range range = new StepSelection.Range(5, CurveSampler.PIECE_EVALUATIONS + 1000, 1);
        assertThat(CurveSampler.points(c, range, 1600)).isEqualTo(CurveSampler.everyStep(c, range, 1600));
    }

    @Test
    void listedAndStridedSelectionsAndUnnamedPiecesTakeEveryStep() {
        Curve formula = curve("type=expr,formula=1/(1+step)");
        assertThat(formula.schedule().pieces().known()).isFalse();
        Curve cosine = curve("type=cosine,lr=1,total=1000");
        assertThat(CurveSampler.points(cosine, new StepSelection.Range(0, 999, 3), 100))
                .isEqualTo(CurveSampler.everyStep(cosine, new StepSelection.Range(0, 999, 3), 100));
    }
}
