package lrsched.registry;

/** Steps paired with numbers, in the order the spec wrote them (optax's boundaries_and_scales, for instance). */
public record StepValues(long[] steps, double[] values) {
    public int size() {
        return steps.length;
    }
}
