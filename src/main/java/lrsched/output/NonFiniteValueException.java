package lrsched.output;

import lrsched.core.DoubleFormat;

/** A schedule produced NaN or infinity: a spec problem (parameters outside the formula's domain). */
public final class NonFiniteValueException extends RuntimeException {
    public NonFiniteValueException(String curve, long step, double value) {
        super("schedule '" + curve + "' gives " + DoubleFormat.format(value) + " at step " + step
                + "; check its parameters (a division by zero or a value outside the formula's domain)");
    }
}
