package lrsched.compat.torch;

/**
 * The changes between torch releases that change what lrsched computes or reports for a {@code torch.*} type, each
 * with the first release that has it. This table is the one place those boundaries are declared: the types ask a
 * {@link TorchRelease} whether it {@link TorchRelease#has has} a change, and src/docs/compat/torch.md ("When each
 * difference appeared") gives each row's evidence. A release before 2.0 (Debian's 1.13) has none of them.
 */
enum TorchChange {
    /**
     * pytorch/pytorch#86695 (merged 2022-10-13, after 1.13 branched; in 2.2.0a0's file, commit 91a8950d): LinearLR
     * rejects {@code start_factor} 0 when built instead of dividing by zero at step 1.
     */
    LINEAR_START_FACTOR_POSITIVE(2, 0),
    /**
     * pytorch/pytorch#92040 (merged 2023-01-13; in 2.2.0a0's file): OneCycleLR stepped past the end says
     * {@code Tried to step total_steps+1 times} (1.13 counted the constructor's step: +2).
     */
    ONE_CYCLE_STEP_COUNT(2, 0),
    /**
     * ChainedScheduler refuses an empty list with its own message (before: {@code list index out of range}),
     * pytorch/pytorch#121633 (opened 2024-03-11): absent from 2.2.0a0's file; 2.4 is the first release whose
     * documentation shows the rewritten constructor (its {@code optimizer} argument, absent in the 2.1
     * documentation); 2.3 was not read.
     */
    CHAINED_EMPTY_MESSAGE(2, 4),
    /**
     * OneCycleLR's messages {@code anneal_strategy must be one of} (was {@code must by}) and, for {@code epochs}
     * without {@code steps_per_epoch} or the reverse, {@code You must define either total_steps OR (epochs AND
     * steps_per_epoch)} (was a TypeError comparing None with 0): absent from 2.2.0a0's file; the check was rewritten
     * by pytorch/pytorch#125556 (opened 2024-05-05, after 2.3 was released).
     */
    ONE_CYCLE_MESSAGES(2, 4),
    /**
     * pytorch/pytorch#133450 ({@code recursive_undo}, merged 2024-10-17, the day 2.5.0 was released from its branch;
     * listed in the 2.7 documentation): SequentialLR undoes the constructor steps of the leaves below a nested
     * SequentialLR or ChainedScheduler, instead of the nested composite's own {@code last_epoch} (which a
     * ChainedScheduler lacks: before, SequentialLR could not hold one).
     */
    RECURSIVE_UNDO(2, 6),
    /**
     * pytorch/pytorch#149312 ({@code _initial_mode} / {@code _is_initial}): only the constructor's own step keeps the
     * lr at epoch 0; any later step to epoch 0 (a SequentialLR child stepped from -1, MultiplicativeLR entered at a
     * milestone) is a real one. Still in review after 2.7 was released (2025-05-06); whether 2.8 has it is not
     * verified, so it switches with {@link #UPDATE_LR_AT_MILESTONE}.
     */
    INITIAL_MODE(2, 9),
    /**
     * pytorch/pytorch#149392 (merge command 2025-08-29, after 2.8 was released; {@code _update_lr(0)} is in the v2.12.0
     * tag, pytorch/pytorch#185872): SequentialLR starts a child at its milestone with {@code _update_lr(0)}, which
     * does not count as a {@code step()} call (SWALR), instead of {@code step(0)}.
     */
    UPDATE_LR_AT_MILESTONE(2, 9),
    /**
     * pytorch/pytorch#185986 (2026-06, fixing #185872, which links v2.12.0's SequentialLR running
     * {@code _schedulers[0]._initial_step()}): SequentialLR's constructor runs the initial step of the child active at
     * epoch 0 ({@code bisect_right(milestones, 0)}), not always the first; with a milestone at or below 0 the later
     * child then starts as if alone. In the torch 2.13.0 and 2.14.1 release wheels' lr_scheduler.py.
     */
    SEQUENTIAL_STARTS_ACTIVE_CHILD(2, 13),
    /**
     * SWALR says {@code anneal_strategy must be one of} (was {@code must by}): in the torch 2.13.0 and 2.14.1 release
     * wheels' swa_utils.py, not in pytorch/pytorch torch/optim/swa_utils.py at 7c5cdb79 (undated); 2.13 is the first
     * release read with it, an earlier one may have it.
     */
    SWALR_MESSAGE(2, 13);

    private final int major;
    private final int minor;

    TorchChange(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** The first release with this change, as {@code major.minor}. */
    String firstRelease() {
        return major + "." + minor;
    }

    /** Whether release {@code major.minor} has this change. */
    boolean in(lrsched.core.Versions.Version release) {
        return !release.before(major, minor);
    }
}
