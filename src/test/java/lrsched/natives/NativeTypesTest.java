package lrsched.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.Flags;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each native family at points computed by hand from the formulas in src/docs/schedules.md (exact fractions, or
 * constants such as (1 + cos(pi/4))/2 = 0.85355339059327376 and 1/sqrt(2048000) = 6.9877124296868e-4).
 */
class NativeTypesTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
            "type=constant,lr=0.5                                             | 123456789 | 0.5",
            "type=constant,lr=1,warmup=10                                     | 0         | 0.0",
            "type=constant,lr=1,warmup=10                                     | 5         | 0.5",
            "type=constant,lr=1,warmup=10,warmup_shape=cosine                 | 2         | 0.0954915028125263",
            "type=constant,lr=1,warmup=10,warmup_shape=cosine                 | 5         | 0.5",
            "type=constant,lr=1,warmup=10,warmup_shape=exponential,warmup_from=0.01 | 5 | 0.1",
            "type=constant,lr=1,warmup=10,warmup_from=0.2                     | 5         | 0.6",
            "type=linear,lr=1,min_lr=0.2,total=100,warmup=20                  | 10        | 0.5",
            "type=linear,lr=1,min_lr=0.2,total=100,warmup=20                  | 20        | 1.0",
            "type=linear,lr=1,min_lr=0.2,total=100,warmup=20                  | 60        | 0.6",
            "type=linear,lr=1,min_lr=0.2,total=100,warmup=20                  | 100       | 0.2",
            "type=linear,lr=1,min_lr=0.2,total=100,warmup=20                  | 1000000000000 | 0.2",
            "type=cosine,lr=1,total=100                                       | 25        | 0.8535533905932737",
            "type=cosine,lr=1,total=100                                       | 50        | 0.5",
            "type=cosine,lr=1,total=100                                       | 200       | 0.0",
            "type=cosine,lr=1,total=110,warmup=10                             | 60        | 0.5",
            "type=cosine,lr=2,min_lr=1,total=100                              | 50        | 1.5",
            "type=polynomial,lr=1,total=10,power=2                            | 5         | 0.25",
            "type=polynomial,lr=1,min_lr=0.1,total=10,power=2                 | 5         | 0.325",
            "type=exponential,lr=1,gamma=0.5,decay_steps=10                   | 5         | 0.7071067811865476",
            "type=exponential,lr=1,gamma=0.5,decay_steps=10                   | 10        | 0.5",
            "type=exponential,lr=1,gamma=0.5,decay_steps=10,staircase=true    | 15        | 0.5",
            "type=exponential,lr=1,gamma=0.5,decay_steps=10,min_lr=0.3        | 20        | 0.3",
            "type=exponential,lr=1,gamma=0.5,decay_steps=10,warmup=10         | 20        | 0.5",
            "type=step,lr=1,step_size=3                                       | 2         | 1.0",
            "type=step,lr=1,step_size=3                                       | 3         | 0.1",
            "type=step,lr=1,step_size=3                                       | 6         | 0.01",
            "type=step,lr=1,step_size=3,gamma=0.5,warmup=2                    | 5         | 0.5",
            "type=multistep,lr=1,milestones=[5,3,3],gamma=0.5                 | 2         | 1.0",
            "type=multistep,lr=1,milestones=[5,3,3],gamma=0.5                 | 3         | 0.25",
            "type=multistep,lr=1,milestones=[5,3,3],gamma=0.5                 | 5         | 0.125",
            "type=piecewise_constant,boundaries=[10,20],values=[1,0.5,0.1]    | 9         | 1.0",
            "type=piecewise_constant,boundaries=[10,20],values=[1,0.5,0.1]    | 10        | 0.5",
            "type=piecewise_constant,boundaries=[10,20],values=[1,0.5,0.1]    | 20        | 0.1",
            "type=interpolate,points={0: 0, 100: 1, 200: 0.5}                 | 50        | 0.5",
            "type=interpolate,points={0: 0, 100: 1, 200: 0.5}                 | 150       | 0.75",
            "type=interpolate,points={0: 0, 100: 1, 200: 0.5}                 | 300       | 0.5",
            "type=interpolate,points=[[0, 0], [100, 1], [200, 0.5]],interpolation=cosine | 125 | 0.9267766952966369",
            "type=inverse_sqrt,lr=1,warmup=100                                | 50        | 0.5",
            "type=inverse_sqrt,lr=1,warmup=100                                | 100       | 1.0",
            "type=inverse_sqrt,lr=1,warmup=100                                | 400       | 0.5",
            "type=inverse_sqrt,lr=1,timescale=4                               | 12        | 0.5",
            "type=inverse_time,lr=1,decay_rate=0.5,decay_steps=10             | 20        | 0.5",
            "type=inverse_time,lr=1,decay_rate=0.5,decay_steps=10,staircase=true | 19     | 0.6666666666666666",
            "type=noam,d_model=512,warmup=4000                                | 0         | 0.0",
            "type=noam,d_model=512,warmup=4000                                | 4000      | 6.987712429686843e-04",
            "type=noam,d_model=512,warmup=4000                                | 16000     | 3.4938562148434216e-04",
            "type=noam,d_model=512,warmup=4000,scale=2                        | 2000      | 6.987712429686843e-04",
            "type=cosine_restarts,lr=1,period=10,period_mult=2                | 10        | 1.0",
            "type=cosine_restarts,lr=1,period=10,period_mult=2                | 20        | 0.5",
            "type=cosine_restarts,lr=1,period=10,period_mult=2                | 50        | 0.5",
            "type=cosine_restarts,lr=1,period=10,period_mult=2,peak_decay=0.5 | 20        | 0.25",
            "type=cosine_restarts,lr=1,period=10,max_cycles=2,min_lr=0.1      | 20        | 0.1",
            "type=cosine_restarts,lr=1,period=10                              | 1000000000005 | 0.5",
            "type=cyclic,lr=1,step_size=2                                     | 3         | 0.5",
            "type=cyclic,lr=1,step_size=2,mode=triangular2                    | 6         | 0.5",
            "type=cyclic,lr=1,step_size=2,mode=exp_range,gamma=0.9            | 1         | 0.45",
            "type=cyclic,lr=1,min_lr=0.5,step_size=2,step_size_down=4         | 3         | 0.875",
            "type=one_cycle,lr=1,total=100                                    | 0         | 0.04",
            "type=one_cycle,lr=1,total=100                                    | 30        | 1.0",
            "type=one_cycle,lr=1,total=100                                    | 65        | 0.500002",
            "type=one_cycle,lr=1,total=100                                    | 100       | 4e-06",
            "type=one_cycle,lr=1,total=100,anneal=linear                      | 15        | 0.52",
            "type=one_cycle,lr=1,total=100,three_phase=true,anneal=linear     | 45        | 0.52",
            "type=wsd,lr=1,total=100,decay_steps=20,warmup=10                 | 5         | 0.5",
            "type=wsd,lr=1,total=100,decay_steps=20,warmup=10                 | 50        | 1.0",
            "type=wsd,lr=1,total=100,decay_steps=20,warmup=10                 | 90        | 0.5",
            "type=wsd,lr=1,total=100,decay_steps=20,decay_shape=1-sqrt        | 85        | 0.5",
            "type=wsd,lr=1,total=100,decay_steps=20,decay_shape=cosine        | 90        | 0.5",
            "type=tanh,lr=1,total=100,lower=-1,upper=1                        | 50        | 0.5",
            "type=expr,formula=peak * min(1; step / ramp),peak=1e-3,ramp=10   | 5         | 5e-4",
            "type=product,schedules=[{type: constant, lr: 2}, {type: cosine, lr: 1, total: 100}] | 50 | 1.0",
            "type=sequence,schedules=[{type: constant, lr: 1}, {type: linear, lr: 1, total: 10}],boundaries=[5] | 4 | 1.0",
            "type=sequence,schedules=[{type: constant, lr: 1}, {type: linear, lr: 1, total: 10}],boundaries=[5] | 10 | 0.5",
    })
    void matchesHandComputedValue(String flag, long step, double expected) {
        Schedule s = Flags.schedule(flag.strip().replace(';', ','));
        assertThat(s.at(step)).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "type=cosine,lr=1,total=10,warmup=10                    | warmup: must be shorter than total",
            "type=cosine,lr=1                                       | missing required parameter 'total'",
            "type=cosine,lr=-1,total=10                             | lr must be >= 0, not -1",
            "type=cosine,lr=1,total=10,warmup_shape=cosin           | did you mean 'cosine'?",
            "type=constant,lr=1,warmup=5,warmup_shape=exponential   | warmup_from: must be > 0",
            "type=piecewise_constant,boundaries=[10,20],values=[1]  | values: needs one more value than boundaries",
            "type=piecewise_constant,boundaries=[20,10],values=[1,2,3] | boundaries: steps must increase",
            "type=wsd,lr=1,total=100,decay_steps=95,warmup=10       | decay_steps: must fit between warmup end",
            "type=one_cycle,lr=1,total=100,pct_start=0.6,three_phase=true | pct_start: must be < 0.5",
            "type=noam,d_model=512,warmup=0                         | warmup must be > 0",
            "type=cosine_restarts,lr=1,period=10,period_mult=0.5    | period_mult must be >= 1",
            "type=step,lr=1,step_size=2.5                           | step_size takes a whole number",
            "type=expr,formula=foo * step                           | unknown name 'foo'",
            "type=expr,formula=sqrt(step; 2)                        | sqrt() takes 1 argument, not 2",
    })
    void rejectsBadParameters(String flag, String message) {
        assertThatThrownBy(() -> Flags.schedule(flag.strip().replace(';', ',')))
                .isInstanceOf(InputException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"type=cosine;lr=1;total=100;warmup=10, 10", "type=noam;d_model=64;warmup=40, 40",
            "type=one_cycle;lr=1;total=100, 30"})
    void reportsWarmupEnd(String flag, long end) {
        assertThat(Flags.schedule(flag.replace(';', ',')).warmupEnd()).hasValue(end);
    }
}
