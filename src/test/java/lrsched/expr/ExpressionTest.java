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
            "lambda a, b: a | 0 | the lambda takes 2 arguments; it is called with one (epoch)",
            "epoch in (1, 2) | 9 | 'in' compares objects",
            "\"0.1\"      | 0 | a string is not a number",
            "max(epoch, default=1) | 11 | max() is called with keyword arguments",
            "math.erf(epoch) | 0 | unknown function 'math.erf'",
            "math.tau2    | 0 | math.tau2 is not a constant lrsched knows",
            "epoch & 1    | 6 | unexpected '&'",
            "[x for x in y] | 0 | a list comprehension is not a number",
            "1 if epoch   | 10 | expected 'else' but the formula ends",
            "07           | 0 | Python refuses leading zeros",
            "0.1 ** epoch. | 12 | unexpected",
            "(1 2)        | 3 | expected ',' or ')' but found '2'",
    })
    void reportsWhereTheFormulaIsWrong(String text, int offset, String message) {
        assertThatThrownBy(() -> Expression.compile(text, "epoch", Map.of()))
                .isInstanceOf(ExpressionException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((ExpressionException) e).offset()).isEqualTo(offset));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "lambda epoch: 0.5 if epoch >= 5 else 1.0          | 0.5",
            "lambda step: step / 10 if step < 10 else 1        | 0.7",
            "lambda e: 2 < e < 8 and e != 6                    | 1",
            "lambda epoch: not epoch or 0.25                   | 0.25",
            "lambda epoch: round(2.5) + round(3.5) + round(-0.5) | 6",
            "lambda epoch: int(-2.7) + float(epoch)            | 5",
            "lambda epoch: math.log(8, 2) + math.floor(-0.5)   | 2",
            "lambda epoch: 1 // 0.1 + 1 % 0.1                  | 9.1",
            "lambda epoch: -2 ** 2 + 2 ** -1 ** 2              | -3.5",
            "lambda epoch: max(0.0, 1 - epoch / 50) ** 0.9 * math.inf * 0 if False else math.e | 2.718281828459045",
    })
    void readsPythonsLambdaSyntax(String text, double expected) {
        assertThat(Expression.compile(text, "epoch", Map.of()).evaluate(7)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "lambda epoch: 1 / (epoch - 7)    | ZeroDivisionError: division by zero",
            "lambda epoch: 1.0 / (epoch - 7)  | ZeroDivisionError: float division by zero",
            "lambda epoch: math.log(epoch - 7) | ValueError: math domain error",
            "lambda epoch: math.exp(epoch * 1000) | OverflowError: math range error",
    })
    void raisesWhatPythonRaisesAtThatStep(String text, String python) {
        assertThatThrownBy(() -> Expression.compile(text, "epoch", Map.of()).evaluate(7))
                .isInstanceOf(lrsched.core.StepOutOfRangeException.class)
                .hasMessage("Python raises " + python + " evaluating '" + text + "' at epoch = 7");
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
