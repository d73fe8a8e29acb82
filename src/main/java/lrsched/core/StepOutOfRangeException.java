package lrsched.core;

/**
 * Thrown by {@link Schedule#at(long)} for a step the modelled library refuses to compute (PyTorch's OneCycleLR
 * stepped past total_steps, for instance). The message is the library's reason.
 */
public final class StepOutOfRangeException extends RuntimeException {
    private final long step;

    public StepOutOfRangeException(long step, String message) {
        super(message);
        this.step = step;
    }

    public long step() {
        return step;
    }
}
