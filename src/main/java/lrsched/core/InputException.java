package lrsched.core;

/**
 * A mistake in what the user wrote (spec file, flag or option): the run stops with exit code 2 and one line
 * {@code LOCATION: problem; what to do}.
 */
public class InputException extends RuntimeException {
    private final transient Location location;
    private final String problem;

    public InputException(Location location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    /** For a mistake that has no place in a file, such as two conflicting options. */
    public InputException(String problem) {
        super(problem);
        this.location = null;
        this.problem = problem;
    }

    public java.util.Optional<Location> location() {
        return java.util.Optional.ofNullable(location);
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}
