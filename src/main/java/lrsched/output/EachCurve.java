package lrsched.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import lrsched.core.Curve;

/**
 * Work done for each curve on its own, on every core: the results come back in curve order, and when curves fail,
 * the first failure in curve order is thrown, whichever thread met its failure first; so the outcome does not depend
 * on the number of threads. Schedules are pure functions of the step with state of their own only (a replay's last
 * row), so different curves can be evaluated at once.
 */
final class EachCurve {
    private EachCurve() {}

    static <T> List<T> map(List<Curve> curves, Function<Curve, T> work) {
        List<Object> done = IntStream.range(0, curves.size()).parallel().mapToObj(i -> {
            try {
                return (Object) work.apply(curves.get(i));
            } catch (RuntimeException e) {
                return e;
            }
        }).toList();
        List<T> results = new ArrayList<>(done.size());
        for (Object o : done) {
            if (o instanceof RuntimeException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            T result = (T) o;
            results.add(result);
        }
        return results;
    }
}
