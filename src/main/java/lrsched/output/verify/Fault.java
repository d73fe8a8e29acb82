package lrsched.output.verify;

/**
 * A known way a training run misses its planned schedule, as a rule that says which step of the plan the run's
 * scheduler was at when update {@code u} ran. {@link #describe()} names it in the words users search for.
 */
public sealed interface Fault {

    /** The plan step whose LR update {@code u} used under this fault; negative when the fault leaves it unknown. */
    long planStep(long update);

    /** The fault, in a few words: {@code stepped 2 times per update}. */
    String describe();

    /** What usually causes it, in one clause. */
    String cause();

    /** The rule, in terms of the update: {@code the LR of update u is the plan's at 2u}. */
    String rule();

    /** The scheduler stepped {@code k} times per update: the LR of update u is the plan's at k*u. */
    record SteppedTimes(int k) implements Fault {
        @Override
        public long planStep(long update) {
            return update > Long.MAX_VALUE / k ? Long.MAX_VALUE : update * k;
        }

        @Override
        public String describe() {
            return "stepped " + k + " times per update";
        }

        @Override
        public String rule() {
            return "the LR of update u is the plan's at " + k + "u";
        }

        @Override
        public String cause() {
            return "the scheduler was stepped once per process with " + k + " processes (accelerate prepares "
                    + "schedulers that way unless the step counts are multiplied by the number of processes), or "
                    + "once per micro-batch with " + k + " gradient-accumulation steps";
        }
    }

    /** The scheduler stepped once every {@code n} updates (once per epoch): the LR of update u is the plan's at u/n. */
    record OncePerEpoch(long n) implements Fault {
        @Override
        public long planStep(long update) {
            return update / n;
        }

        @Override
        public String describe() {
            return "stepped once per epoch (every " + n + " updates)";
        }

        @Override
        public String rule() {
            return "the LR of update u is the plan's at floor(u / " + n + ")";
        }

        @Override
        public String cause() {
            return "the scheduler was stepped at each epoch's end instead of after each update (Lightning's "
                    + "default interval is \"epoch\": return {\"scheduler\": ..., \"interval\": \"step\"})";
        }
    }

    /** The schedule started over at update {@code r}: the LR of update u >= r is the plan's at u - r. */
    record Restarted(long r) implements Fault {
        @Override
        public long planStep(long update) {
            return update < r ? update : update - r;
        }

        @Override
        public String describe() {
            return "restarted at update " + r;
        }

        @Override
        public String rule() {
            return "from update " + r + " on, the LR of update u is the plan's at u - " + r;
        }

        @Override
        public String cause() {
            return "the run resumed at update " + r + " without restoring the scheduler's state (load the "
                    + "checkpoint's scheduler state, or resume with the framework's resume option)";
        }
    }

    /** The log holds the next update's LR: the value logged for update u is the plan's at u + 1. */
    record OneAhead() implements Fault {
        @Override
        public long planStep(long update) {
            return update == Long.MAX_VALUE ? Long.MAX_VALUE : update + 1;
        }

        @Override
        public String describe() {
            return "one update ahead";
        }

        @Override
        public String rule() {
            return "the value logged for update u is the plan's at u + 1";
        }

        @Override
        public String cause() {
            return "the LR was logged after scheduler.step(), so each value is the next update's (the training "
                    + "itself may be right)";
        }
    }

    /** The log holds the previous update's LR: the value logged for update u is the plan's at u - 1. */
    record OneBehind() implements Fault {
        @Override
        public long planStep(long update) {
            return update - 1;
        }

        @Override
        public String describe() {
            return "one update behind";
        }

        @Override
        public String rule() {
            return "the value logged for update u is the plan's at u - 1";
        }

        @Override
        public String cause() {
            return "the LR was logged before the scheduler applied the update's value, so each value is the "
                    + "previous update's (the training itself may be right)";
        }
    }
}
