package lrsched.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are what CPython 3.11 gives for the same text with epoch = 7 (math functions imported). */
class ExpressionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0.95 ** epoch                | 0.6983372960937497",
            "-2 ** 2                      | -4",
            "2 ** -1                      | 0.5",
            "2 ** 3 ** 2                  | 512",
            "epoch // 2                   | 3",
            "-epoch // 2                  | -4",
            "epoch % 3                    | 1",
            "-epoch % 3                   | 2",
            "7 / 2                        | 3.5",
            "min(1.0, (epoch + 1) / 10)   | 0.8",
            "max(0, 1 - epoch / 5, -1)    | 0",
            "sqrt(epoch + 9)              | 4",
            "rsqrt(4)                     | 0.5",
            "cos(pi * epoch / 7)          | -1",
            "1_000 * 1e-3                 | 1",
            "pow(2, epoch) + floor(2.5) + ceil(2.1) + abs(-1) | 134",
            "exp(log(epoch))              | 7",
            "tanh(0) + sin(0)             | 0",
    })
    void evaluatesLikePython(String text, double expected) {
        Expression e = Expression.compile(text, "epoch", Map.of());
        assertThat(e.evaluate(7)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', value = {
            "1 +          | 3 | the formula ends too early",
            "2 * (3       | 6 | expected ')'",
            "foo + 1      | 0 | unknown name 'foo'",
            "bar(1)       | 0 | unknown function 'bar'",
            "max(1)       | 0 | max() takes two or more arguments",
            "1 $ 2        | 2 | unexpected '$'",
            "''           | 0 | the formula is empty",
    })
    void reportsWhereTheFormulaIsWrong(String text, int offset, String message) {
        assertThatThrownBy(() -> Expression.compile(text, "epoch", Map.of()))
                .isInstanceOf(ExpressionException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((ExpressionException) e).offset()).isEqualTo(offset));
    }

    @org.junit.jupiter.api.Test
    void knowsWhetherItUsesItsVariable() {
        assertThat(Expression.compile("0.9", "epoch", Map.of()).usesVariable()).isFalse();
        assertThat(Expression.compile("a * epoch", "epoch", Map.of("a", 2.0)).evaluate(3)).isEqualTo(6);
    }

    @org.junit.jupiter.api.Test
    void pathologicalFormulasAreRefusedInsteadOfOverflowingTheStack() {
        String parens = "(".repeat(1500) + "epoch" + ")".repeat(1500);
        String sum = String.join("+", java.util.Collections.nCopies(10_000, "epoch"));
        String powers = String.join("**", java.util.Collections.nCopies(10_000, "1"));
        String signs = "-".repeat(10_000) + "1";
        for (String deep : new String[] {parens, powers, signs}) {
            assertThatThrownBy(() -> Expression.compile(deep, "epoch", Map.of()))
                    .isInstanceOf(ExpressionException.class).hasMessageContaining("nests more than 256 levels deep");
        }
        assertThatThrownBy(() -> Expression.compile(sum, "epoch", Map.of()))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("more than 2000 operations");
        // up to the limits a formula still evaluates, without running out of stack
        String longest = String.join("+", java.util.Collections.nCopies(2001, "epoch"));
        assertThat(Expression.compile(longest, "epoch", Map.of()).evaluate(1)).isEqualTo(2001);
        String deepest = "(".repeat(255) + "epoch" + ")".repeat(255);
        assertThat(Expression.compile(deepest, "epoch", Map.of()).evaluate(3)).isEqualTo(3);
    }
}
