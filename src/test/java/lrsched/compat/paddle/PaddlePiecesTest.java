package lrsched.compat.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import lrsched.core.Curve;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.CurveSampler;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chart points from Paddle's pieces equal those from every step near 10^7 steps, across the places where a piece
 * ends (the property test draws these types on small ranges; the nested and constant-lambda forms it cannot draw).
 */
class PaddlePiecesTest {

    @ParameterizedTest(name = "{0} steps {1}..{2}, {3} columns")
    @CsvSource(delimiter = '|', value = {
        "type=paddle.NoamDecay,d_model=512,warmup_steps=9500000                       | 9000000 | 10000000 | 1600",
        "type=paddle.OneCycleLR,max_learning_rate=0.1,total_steps=10000000,three_phase=true | 9700000 | 10000000"
                + " | 1600",
        "type=paddle.OneCycleLR,max_learning_rate=0.1,total_steps=10000000,anneal_strategy=linear | 2900000"
                + " | 3100000 | 997",
        "type=paddle.CyclicLR,base_learning_rate=0.001,max_learning_rate=0.1,step_size_up=2500000,"
                + "mode=triangular2 | 9800000 | 10200000 | 1600",
        "type=paddle.PolynomialDecay,learning_rate=0.1,decay_steps=2500000,cycle=true,power=0.5 | 9800000"
                + " | 10200000 | 1600",
        "type=paddle.CosineAnnealingWarmRestarts,learning_rate=0.1,T_0=1250000,T_mult=2 | 8700000 | 8800000 | 1600",
        "type=paddle.CosineAnnealingDecay,learning_rate=0.1,T_max=1000000               | 1900000 | 2100000 | 1600",
        "type=paddle.LinearLR,learning_rate=0.1,total_steps=2000000,start_factor=1,end_factor=0 | 1900000 | 2100000"
                + " | 1600",
        "type=paddle.LinearWarmup,warmup_steps=1000,start_lr=0,end_lr=0.1,learning_rate={type: "
                + "paddle.CosineAnnealingDecay, learning_rate: 0.1, T_max: 3000000, eta_min: 0.001} | 0 | 10000000"
                + " | 1600",
        "type=paddle.MultiplicativeDecay,learning_rate=0.1,lr_lambda=0.9999999         | 0       | 2000000  | 1600",
    })
    void chartPointsFromPiecesEqualThoseFromEveryStep(String flags, long from, long to, int columns) {
        Curve c = new Curve("c", Flags.schedule(flags));
        assertThat(c.schedule().pieces().known()).isTrue();
        assertThat(CurveSampler.byPieces(c, from, to, columns))
                .isEqualTo(CurveSampler.everyStep(c, new StepSelection.Range(from, to, 1), columns));
    }

    @Test
    void aLambdaOfTheEpochOrACosineRecursionWithEtaMinNamesNoPieces() {
        Schedule lambda = Flags.schedule("type=paddle.MultiplicativeDecay,learning_rate=0.1,lr_lambda=0.95 ** epoch");
        Schedule cosine = Flags.schedule("type=paddle.CosineAnnealingDecay,learning_rate=0.1,T_max=100,eta_min=0.01");
        assertThat(lambda.pieces().known()).isFalse();
        assertThat(cosine.pieces().known()).isFalse();
    }
}
