#!/usr/bin/python3
"""Golden logs for lrsched's Lightning CSVLogger reader (src/test/resources/golden/logs/lightning/).

Writes metrics.csv files with Lightning's own code, fed by real torch schedulers stepped in Lightning's loop order,
and beside each case the curve the run followed, ``expected.csv`` (``update,lr``: param_groups[0]['lr'] read just
before optimizer.step(), update counted from 0), for the Java tests.

Lightning's code that runs, unchanged (Lightning-AI/pytorch-lightning, commit 7f0c3436cd3f6ad3753125672024fc415cbcb414,
the newest stored):
- src/lightning/fabric/loggers/csv_logs.py (CSVLogger and _ExperimentWriter: the file's header, rows and number
  formatting, csv.DictWriter writing str(float));
- src/lightning/pytorch/callbacks/lr_monitor.py (LearningRateMonitor: the column names lr-<Optimizer>[/pgN], which
  hook logs what, and the step it passes: trainer.fit_loop.epoch_loop._batches_that_stepped).
Put them in SCRATCH (not in this repository), in their package paths:

    mkdir -p SCRATCH/lightning/fabric/loggers SCRATCH/lightning/pytorch/callbacks
    git -C pytorch-lightning show 7f0c343:src/lightning/fabric/loggers/csv_logs.py \
        > SCRATCH/lightning/fabric/loggers/csv_logs.py
    git -C pytorch-lightning show 7f0c343:src/lightning/pytorch/callbacks/lr_monitor.py \
        > SCRATCH/lightning/pytorch/callbacks/lr_monitor.py

Shimmed (imports only): rank_zero_only / rank_zero_experiment / override (identity decorators), rank_zero_warn,
Logger and Callback (empty bases), fsspec's local filesystem (get_filesystem: exists, listdir, isfile, makedirs,
open, rm_file on the local disk), MisconfigurationException, LRSchedulerConfig.

The fit loop is this script's (training_epoch_loop.py at the same commit, advance/on_advance_end): for each epoch
on_train_epoch_start; for each batch on_train_batch_start (the monitor logs when _LoggerConnector.should_update_logs:
(_batches_that_stepped + 1) % log_every_n_steps == 0), the optimizer step, update_lr_schedulers("step") and on the
epoch's last batch update_lr_schedulers("epoch"), the module's self.log('train_loss') written by
_LoggerConnector.log_metrics (adds 'epoch', step=_batches_that_stepped, then logger.save()), then
_batches_that_stepped += 1. A resumed run restores the optimizer, the scheduler and _batches_that_stepped from the
checkpoint taken at the end of an epoch and logs to the next version_N.

Usage: /usr/bin/python3 src/tools/golden/lightning_logs.py SCRATCH [OUT_DIR]
"""
import csv
import importlib.util
import os
import shutil
import sys
import types
import warnings

import torch

warnings.filterwarnings("ignore")
UPDATES_PER_EPOCH = 10
EPOCHS = 3


def install_shims():
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        m.__path__ = []
        sys.modules[name] = m
        return m

    identity = lambda f: f  # noqa: E731

    class Logger:
        def save(self):
            pass

    class LocalFs:
        exists = staticmethod(os.path.exists)
        isfile = staticmethod(os.path.isfile)
        listdir = staticmethod(lambda p: [{"name": os.path.join(p, n)} for n in os.listdir(p)])  # fsspec detail
        makedirs = staticmethod(os.makedirs)
        rm_file = staticmethod(os.remove)

        @staticmethod
        def open(path, mode="r", newline=None):
            return open(path, mode, newline=newline)

    class Callback:
        pass

    class MisconfigurationException(Exception):
        pass

    for name in ["lightning", "lightning.fabric", "lightning.fabric.loggers", "lightning.fabric.utilities",
                 "lightning.pytorch.utilities", "lightning.pytorch.callbacks"]:
        module(name)
    module("lightning.pytorch", Trainer=object)
    module("lightning.fabric.loggers.logger", Logger=Logger, rank_zero_experiment=identity)
    module("lightning.fabric.utilities.cloud_io", _is_dir=lambda fs, p, strict=False: os.path.isdir(p),
           get_filesystem=lambda path, **kw: LocalFs())
    module("lightning.fabric.utilities.logger",
           _add_prefix=lambda metrics, prefix, sep: metrics if not prefix else {f"{prefix}{sep}{k}": v
                                                                                for k, v in metrics.items()})
    module("lightning.fabric.utilities.rank_zero", rank_zero_only=identity, rank_zero_warn=lambda *a, **k: None)
    module("lightning.fabric.utilities.types", _PATH=str)
    module("lightning.pytorch.callbacks.callback", Callback=Callback)
    module("lightning.pytorch.utilities.exceptions", MisconfigurationException=MisconfigurationException)
    module("lightning.pytorch.utilities.rank_zero", rank_zero_warn=lambda *a, **k: None)
    module("lightning.pytorch.utilities.types", LRSchedulerConfig=object)


def load(scratch, relative, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(scratch, relative))
    m = importlib.util.module_from_spec(spec)
    sys.modules[name] = m
    spec.loader.exec_module(m)
    return m


class Run:
    """One fit: the trainer attributes LearningRateMonitor reads, and the loop."""

    def __init__(self, lightning, save_dir, optimizer, scheduler, interval, log_every_n_steps, logging_interval,
                 batches_that_stepped=0):
        self.optimizer, self.scheduler, self.interval = optimizer, scheduler, interval
        self.logger = lightning.csv.CSVLogger(save_dir, name="lightning_logs")
        self.monitor = lightning.monitor.LearningRateMonitor(logging_interval=logging_interval)
        config = types.SimpleNamespace(scheduler=scheduler, interval=interval, name=None, frequency=1,
                                       reduce_on_plateau=False)
        self.epoch_loop = types.SimpleNamespace(_batches_that_stepped=batches_that_stepped)
        self.trainer = types.SimpleNamespace(
            loggers=[self.logger], lr_scheduler_configs=[config], optimizers=[optimizer], callback_metrics={},
            strategy=types.SimpleNamespace(root_device="cpu"), fit_loop=types.SimpleNamespace(epoch_loop=self.epoch_loop),
            log_every_n_steps=log_every_n_steps, should_stop=False, current_epoch=0)
        self.trainer._logger_connector = types.SimpleNamespace(should_update_logs=False)
        self.used = {}
        self.monitor.on_train_start(self.trainer)

    def _should_update_logs(self):
        return (self.epoch_loop._batches_that_stepped + 1) % self.trainer.log_every_n_steps == 0

    def fit(self, first_epoch, epochs, crash_at=None):
        param = self.optimizer.param_groups[0]["params"][0]
        for epoch in range(first_epoch, epochs):
            self.trainer.current_epoch = epoch
            self.monitor.on_train_epoch_start(self.trainer)
            for batch in range(UPDATES_PER_EPOCH):
                update = self.epoch_loop._batches_that_stepped
                if crash_at is not None and update == crash_at:
                    return  # the process dies: no finalize, rows not yet saved are lost
                self.trainer._logger_connector.should_update_logs = self._should_update_logs()
                self.monitor.on_train_batch_start(self.trainer)
                self.used[update] = self.optimizer.param_groups[0]["lr"]
                param.grad = torch.zeros_like(param)
                self.optimizer.step()
                if self.interval == "step":
                    self.scheduler.step()
                if batch == UPDATES_PER_EPOCH - 1 and self.interval == "epoch":
                    self.scheduler.step()
                if self._should_update_logs():  # _LoggerConnector.log_metrics for self.log('train_loss')
                    metrics = {"train_loss": 1.0 / (update + 1), "epoch": epoch}
                    self.logger.log_metrics(metrics=metrics, step=update)
                    self.logger.save()
                self.epoch_loop._batches_that_stepped += 1
        self.logger.finalize("success")

    def checkpoint(self):
        return (self.optimizer.state_dict(), self.scheduler.state_dict(), self.epoch_loop._batches_that_stepped)


def sgd(lrs):
    return torch.optim.SGD([{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr} for lr in lrs], lr=lrs[0])


def onecycle(opt):
    return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=EPOCHS * UPDATES_PER_EPOCH)


def halving(opt):
    return torch.optim.lr_scheduler.LambdaLR(opt, lambda epoch: 0.5 ** epoch)


def write_used(path, used):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["update", "lr"])
        for update in sorted(used):
            w.writerow([update, repr(used[update])])


def main():
    scratch = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "src/test/resources/golden/logs/lightning"
    install_shims()
    lightning = types.SimpleNamespace(
        csv=load(scratch, "lightning/fabric/loggers/csv_logs.py", "lightning.fabric.loggers.csv_logs"),
        monitor=load(scratch, "lightning/pytorch/callbacks/lr_monitor.py", "lightning.pytorch.callbacks.lr_monitor"))
    if os.path.isdir(out):
        shutil.rmtree(out)

    def case(name):
        d = os.path.join(out, name)
        os.makedirs(d)
        return d

    # OneCycleLR with interval 'step', the monitor logging every 2nd update (log_every_n_steps=2)
    d = case("onecycle")
    opt = sgd([0.1])
    run = Run(lightning, d, opt, onecycle(opt), "step", 2, None)
    run.fit(0, EPOCHS)
    write_used(os.path.join(d, "expected.csv"), run.used)
    plan = run.used

    # the same plan with Lightning's default interval 'epoch': stepped once per epoch, logged at every update
    d = case("onecycle.stepped-per-epoch")
    opt = sgd([0.1])
    run = Run(lightning, d, opt, onecycle(opt), "epoch", 1, "step")
    run.fit(0, EPOCHS)
    write_used(os.path.join(d, "used.csv"), run.used)
    write_used(os.path.join(d, "expected.csv"), plan)

    # LambdaLR with interval 'epoch' on two param groups (lr-SGD/pg1, lr-SGD/pg2), logged at each epoch's start
    d = case("halving-two-groups")
    opt = sgd([0.1, 0.02])
    run = Run(lightning, d, opt, halving(opt), "epoch", 50, None)
    run.fit(0, EPOCHS)
    write_used(os.path.join(d, "expected.csv"), run.used)

    # a resumed run: version_0 dies at update 25, version_1 resumes from the checkpoint at the end of epoch 1
    for name, restore_scheduler in [("resumed", True), ("resumed.restarted-at-resume", False)]:
        d = case(name)
        opt = sgd([0.1])
        first = Run(lightning, d, opt, onecycle(opt), "step", 1, None)
        first.fit(0, 2)  # epochs 0 and 1, then the checkpoint
        optimizer_state, scheduler_state, stepped = first.checkpoint()
        first.fit(2, EPOCHS, crash_at=25)
        opt = sgd([0.1])
        sched = onecycle(opt)
        if restore_scheduler:
            opt.load_state_dict(optimizer_state)
            sched.load_state_dict(scheduler_state)
        second = Run(lightning, d, opt, sched, "step", 1, None, batches_that_stepped=stepped)
        second.fit(2, EPOCHS)
        used = dict(first.used)
        used.update(second.used)
        write_used(os.path.join(d, "expected.csv" if restore_scheduler else "used.csv"), used)
        if not restore_scheduler:
            write_used(os.path.join(d, "expected.csv"), plan)


if __name__ == "__main__":
    main()
