package lrsched.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import lrsched.core.StepOutOfRangeException;

/**
 * Formulas as users paste them into a LambdaLR, evaluated by CPython itself (src/tools/golden/python_formulas.py):
 * the same value bit for bit, or where the formula calls the C library's math functions within one unit in the last
 * place; where Python raises, the same error at the same step.
 */
class PythonFormulasGoldenTest {
    private static final Path TABLE = Path.of("src/test/resources/golden/expr/formulas.tsv");

    private record Row(long step, String result) {}

    private record Formula(String text, boolean libm, List<Row> rows) {}

    private static List<Formula> formulas() throws IOException {
        List<Formula> all = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", 3);
            if (cells[0].equals("F")) {
                all.add(new Formula(cells[2], cells[1].equals("libm"), new ArrayList<>()));
            } else {
                all.get(all.size() - 1).rows().add(new Row(Long.parseLong(cells[0]),
                        line.substring(cells[0].length() + 1)));
            }
        }
        return all;
    }

    /** A float as Python's repr writes it. */
    private static double pythonFloat(String repr) {
        return switch (repr) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(repr);
        };
    }

    @Test
    void everyFormulaGivesPythonsValueOrRaisesPythonsErrorAtEveryStep() throws IOException {
        int exact = 0;
        int withinUlp = 0;
        int raised = 0;
        List<String> wrong = new ArrayList<>();
        List<Formula> all = formulas();
        assertThat(all).hasSizeGreaterThan(50);
        for (Formula f : all) {
            Expression e = Expression.compile(f.text(), "epoch", Map.of());
            for (Row row : f.rows()) {
                String where = f.text() + " at " + row.step();
                if (row.result().startsWith("raises\t")) {
                    String message = row.result().substring("raises\t".length());
                    assertThatThrownBy(() -> e.evaluate(row.step())).as(where)
                            .isInstanceOf(StepOutOfRangeException.class)
                            .hasMessageContaining("Python raises " + message + " evaluating '" + f.text() + "'");
                    raised++;
                } else if (row.result().equals("complex")) {
                    assertThatThrownBy(() -> e.evaluate(row.step())).as(where)
                            .isInstanceOf(StepOutOfRangeException.class).hasMessageContaining("complex number");
                    raised++;
                } else {
                    double expected = pythonFloat(row.result());
                    double actual = e.evaluate(row.step());
                    if (Double.doubleToLongBits(actual) == Double.doubleToLongBits(expected)) {
                        exact++;
                    } else if (f.libm() && Math.abs(actual - expected) <= Math.ulp(expected)) {
                        withinUlp++;
                    } else {
                        wrong.add(where + ": " + actual + " is not Python's " + expected);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        System.out.println("python formulas: " + exact + " bit-identical, " + withinUlp + " within 1 ulp, "
                + raised + " raise as Python does");
        assertThat(withinUlp).isLessThan(exact / 20);
    }
}
