package lrsched.compat.torch;

import lrsched.core.Schedule;

/** A SequentialLR or ChainedScheduler schedule, which can be nested in another: its tree of torch schedulers. */
interface Composite extends Schedule {
    Nest.Node node();
}
