package lrsched.output.chart;

/** A chart could not be drawn for a reason the user can fix (for example, the machine has no fonts). */
public final class ChartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChartException(String message) {
        super(message);
    }

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
