package lrsched.expr;

/** A formula that cannot be read; {@link #offset()} is the 0-based character position of the problem. */
public final class ExpressionException extends RuntimeException {
    private final int offset;

    public ExpressionException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
