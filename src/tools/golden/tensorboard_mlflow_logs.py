#!/usr/bin/python3
"""Golden training logs for lrsched's TensorBoard and MLflow readers (src/test/resources/golden/logs/).

    /usr/bin/python3 src/tools/golden/tensorboard_mlflow_logs.py TENSORBOARDX_DIR MLFLOW_METRICS_PY OUT

TENSORBOARDX_DIR holds the package folder tensorboardX/ of lanpa/tensorboardX at commit
48a5f8aee532e086bebacfd0613260874e8899f9 (git archive HEAD tensorboardX | tar -x -C TENSORBOARDX_DIR). What runs of
it, unchanged: tensorboardX/event_file_writer.py (EventsWriter: the file name, the first event 'brain.Event:2', then
one record per event), tensorboardX/record_writer.py (RecordWriter: uint64 length, masked CRC32C of it, data, masked
CRC32C of the data), tensorboardX/crc32c.py, tensorboardX/summary.py (scalar(): Summary.Value simple_value, what
torch.utils.tensorboard and tensorboardX write for add_scalar) and the generated protos tensorboardX/proto/*_pb2.py
(event, summary, tensor, types: the TF2 tensor-valued scalar cases are built with these classes). Shims: the package's
__init__ is not run (it imports the whole SummaryWriter stack); event_file_writer's clock and host name are fixed so
that file names and wall times are the same on every run (no arithmetic, no writing).

MLFLOW_METRICS_PY is a file holding, verbatim, FileStore._get_metric_path and FileStore._log_run_metric of
mlflow/mlflow mlflow/store/tracking/file_store.py and append_to, make_containing_dirs of mlflow/utils/file_utils.py
(commit 001cc178a1442b488da41853c497adc5285a284d), with _get_run_dir and the name validators shimmed: the metric line
is f"{metric.timestamp} {metric.value} {metric.step}\\n", a key 'a/b' becomes the file metrics/a/b.

Learning rates come from real torch schedulers (torch.optim.lr_scheduler, Debian's torch 1.13) stepped in the
writer's loop order; beside each log, CASE.csv holds update,lr: the LR each update used (param_groups[0]['lr'] read
just before optimizer.step()), so a reader that places every logged value at its update matches it. The loops:
  hf (transformers Trainer, TensorBoardCallback / MLflowCallback): update, scheduler.step(), global_step += 1; every
      logging_steps the entry at global_step g: since 4.51 the LR update g-1 used, before it get_last_lr() (update g's)
  lightning (LearningRateMonitor): on_train_batch_start, step = _batches_that_stepped = the update about to run
  kohya (sd-scripts train_network.py): optimizer.step(), lr_scheduler.step(), global_step += 1, then
      lr_scheduler.get_last_lr() logged at global_step (update g's LR)
  megatron (training.py): train_step (scheduler stepped), iteration += 1, training_log(param_groups lr, iteration)
  plain: a script that logs the LR at the update's own index before optimizer.step() (a tag named like no writer)
The README written into OUT lists the cases.
"""
import importlib
import os
import shutil
import struct
import sys
import types

import torch

UPDATES = 100
CLOCK = [1700000000.0]


def load_tensorboardx(folder):
    package = types.ModuleType("tensorboardX")
    package.__path__ = [os.path.join(folder, "tensorboardX")]
    sys.modules["tensorboardX"] = package
    efw = importlib.import_module("tensorboardX.event_file_writer")
    efw.time = types.SimpleNamespace(time=lambda: CLOCK[0])
    efw.socket = types.SimpleNamespace(gethostname=lambda: "golden")
    return (efw, importlib.import_module("tensorboardX.summary"), importlib.import_module("tensorboardX.proto.event_pb2"),
            importlib.import_module("tensorboardX.proto.summary_pb2"), importlib.import_module("tensorboardX.proto.tensor_pb2"),
            importlib.import_module("tensorboardX.proto.types_pb2"))


def optimizer(*lrs):
    groups = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr} for lr in lrs]
    return torch.optim.AdamW(groups)


def update(opt):
    for group in opt.param_groups:
        for p in group["params"]:
            p.grad = torch.ones_like(p)
    opt.step()


def write_csv(path, lrs):
    with open(path, "w") as f:
        f.write("update,lr\n")
        for u, lr in enumerate(lrs):
            f.write(f"{u},{lr!r}\n")


class Tb:
    def __init__(self, tbx, folder, when):
        self.efw, self.summary, self.event_pb2, self.summary_pb2, self.tensor_pb2, self.types_pb2 = tbx
        os.makedirs(folder, exist_ok=True)
        CLOCK[0] = when
        self.writer = self.efw.EventsWriter(os.path.join(folder, "events"))
        self.path = self.writer._file_name

    def scalar(self, tag, value, step):
        CLOCK[0] += 1
        event = self.event_pb2.Event(wall_time=CLOCK[0], step=step, summary=self.summary.scalar(tag, value))
        self.writer.write_event(event)

    def tensor(self, tag, value, step, double=False):
        """A TF2 tf.summary.scalar event: a rank-0 tensor (DT_FLOAT), plugin 'scalars'."""
        CLOCK[0] += 1
        if double:
            tensor = self.tensor_pb2.TensorProto(dtype=self.types_pb2.DT_DOUBLE, double_val=[value])
        else:
            tensor = self.tensor_pb2.TensorProto(dtype=self.types_pb2.DT_FLOAT, float_val=[value])
        meta = self.summary_pb2.SummaryMetadata(
            plugin_data=self.summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
        value = self.summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=meta)
        self.writer.write_event(self.event_pb2.Event(wall_time=CLOCK[0], step=step,
                                                     summary=self.summary_pb2.Summary(value=[value])))

    def text(self, tag, text, step):
        CLOCK[0] += 1
        tensor = self.tensor_pb2.TensorProto(dtype=self.types_pb2.DT_STRING, string_val=[text.encode()])
        value = self.summary_pb2.Summary.Value(tag=tag, tensor=tensor)
        self.writer.write_event(self.event_pb2.Event(wall_time=CLOCK[0], step=step,
                                                     summary=self.summary_pb2.Summary(value=[value])))

    def close(self):
        self.writer.close()
        return self.path


def warmup_cosine(opt):
    sl = torch.optim.lr_scheduler
    return sl.SequentialLR(opt, [sl.LinearLR(opt, start_factor=0.1, total_iters=10),
                                 sl.CosineAnnealingLR(opt, T_max=UPDATES - 10)], milestones=[10])


def hf_run(log, fixed, logging_steps=5):
    """transformers' Trainer order; log(step, lr) is TensorBoardCallback's or MLflowCallback's write."""
    opt = optimizer(1e-3)
    sched = warmup_cosine(opt)
    used = []
    for u in range(UPDATES):
        used.append(opt.param_groups[0]["lr"])
        update(opt)
        sched.step()
        g = u + 1
        if g % logging_steps == 0:
            log(g, used[-1] if fixed else sched.get_last_lr()[0])
    return used


def lightning_run(log, steps_per_update=1, per_epoch=None, max_lr=1e-3, first=0, last=UPDATES, every=1):
    """Lightning's order: LearningRateMonitor at batch start (step = updates done), then the update, then the
    scheduler (interval 'step': stepped steps_per_update times; per_epoch=N: once every N updates)."""
    opt = optimizer(max_lr)
    total = UPDATES * steps_per_update if per_epoch is None else UPDATES
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=max_lr, total_steps=total + 1)
    used = []
    for u in range(last):
        if u >= first and u % every == 0:
            log(u, opt.param_groups[0]["lr"])
        used.append(opt.param_groups[0]["lr"])
        update(opt)
        if per_epoch is None:
            for _ in range(steps_per_update):
                sched.step()
        elif (u + 1) % per_epoch == 0:
            sched.step()
    return used


def tensorboard_cases(tbx, out):
    tb_dir = os.path.join(out, "tensorboard")
    shutil.rmtree(tb_dir, ignore_errors=True)
    os.makedirs(tb_dir)
    cases = []

    def single(case, when, body, describe):
        folder = os.path.join(tb_dir, case)
        tb = Tb(tbx, folder, when)
        used = body(tb)
        write_csv(os.path.join(tb_dir, case + ".csv"), used)
        cases.append((case + "/", describe))
        return tb.close()

    def hf(fixed):
        def body(tb):
            def log(g, lr):
                tb.scalar("train/loss", 2.0 - g / 100, g)
                tb.scalar("train/grad_norm", 1.5, g)
                tb.scalar("train/learning_rate", lr, g)
                tb.scalar("train/epoch", g / 50, g)
            tb.text("args", "{\"logging_steps\": 5}", 0)
            return hf_run(log, fixed)
        return body

    single("hf-4.51", 1700000000, hf(True), "transformers >= 4.51 Trainer + TensorBoardCallback: train/learning_rate "
           "at global_step g = LR of update g-1; logging_steps 5; SequentialLR(LinearLR 10, CosineAnnealingLR 90)")
    single("hf-4.45", 1700000000, hf(False), "transformers < 4.51: train/learning_rate at g = get_last_lr() after "
           "scheduler.step() = LR of update g; read with --versions transformers=4.45")

    def lightning(**kw):
        def body(tb):
            def log(s, lr):
                tb.scalar("lr-AdamW", lr, s)
                tb.scalar("train_loss", 1.0, s)
            return lightning_run(log, **kw)
        return body

    good = single("lightning", 1700000000, lightning(), "Lightning LearningRateMonitor: lr-AdamW at step "
                  "_batches_that_stepped (batch start); OneCycleLR(max_lr 1e-3)")
    single("lightning.stepped-twice", 1700000000, lightning(steps_per_update=2),
           "fault: OneCycleLR stepped twice per update (sized for 200 steps)")
    single("lightning.per-epoch", 1700000000, lightning(per_epoch=20),
           "fault: OneCycleLR sized for updates but stepped once per epoch of 20 updates")

    def kohya(tb):
        opt = optimizer(5e-5, 1e-4)  # param groups: text encoder, U-Net (network_train_unet_only false)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=UPDATES)
        used = []
        for u in range(UPDATES):
            used.append(opt.param_groups[1]["lr"])
            update(opt)
            sched.step()
            g = u + 1
            lrs = sched.get_last_lr()
            tb.scalar("loss/current", 0.1, g)
            tb.scalar("loss/average", 0.1, g)
            tb.scalar("lr/textencoder", float(lrs[0]), g)
            tb.scalar("lr/unet", float(lrs[1]), g)
        return used

    single("kohya", 1700000000, kohya, "kohya sd-scripts train_network.py: lr/unet and lr/textencoder = "
           "get_last_lr() after lr_scheduler.step(), at global_step g (after g updates); CSV = the U-Net group's LR")

    def megatron(tb):
        opt = optimizer(3e-4)
        sl = torch.optim.lr_scheduler
        sched = sl.SequentialLR(opt, [sl.LinearLR(opt, start_factor=0.01, total_iters=20),
                                      sl.LinearLR(opt, start_factor=1.0, end_factor=0.1, total_iters=80)],
                                milestones=[20])
        used = []
        iteration = 0
        for _ in range(UPDATES):
            used.append(opt.param_groups[0]["lr"])
            update(opt)
            sched.step()
            iteration += 1
            lr = opt.param_groups[0]["lr"]
            tb.scalar("learning-rate", lr, iteration)
            tb.scalar("learning-rate vs samples", lr, iteration * 256)
            tb.scalar("lm loss", 3.0, iteration)
        return used

    single("megatron", 1700000000, megatron, "Megatron-LM training_log: learning-rate at iteration i (after i "
           "updates and scheduler steps) = param_groups lr = LR of update i; also 'learning-rate vs samples'")

    def tf2(double):
        def body(tb):
            opt = optimizer(1e-3)
            sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.97)
            used = []
            for u in range(UPDATES):
                lr = opt.param_groups[0]["lr"]
                tb.tensor("lr" if double else "learning_rate", lr, u, double=double)
                used.append(lr)
                update(opt)
                sched.step()
            return used
        return body

    single("tf2-float-tensor", 1700000000, tf2(False), "TF2 tf.summary.scalar layout: a DT_FLOAT rank-0 tensor "
           "(plugin 'scalars'); tag learning_rate logged at the update's own index (a writer known by no name)")
    single("double-tensor", 1700000000, tf2(True), "a DT_DOUBLE tensor (double_val), tag lr, at the update's index")

    # a resumed run: the first file logs updates 0..59 then the job dies; the second (newer) resumes from the
    # checkpoint at update 40 with max_lr changed to 5e-4 and logs 40..99: the newer file wins on 40..59
    folder = os.path.join(tb_dir, "resumed")
    tb = Tb(tbx, folder, 1700000000)
    first = lightning_run(lambda s, lr: tb.scalar("lr-AdamW", lr, s), last=60)
    tb.close()
    tb = Tb(tbx, folder, 1700003600)
    second = lightning_run(lambda s, lr: tb.scalar("lr-AdamW", lr, s), max_lr=5e-4, first=40)
    tb.close()
    write_csv(os.path.join(tb_dir, "resumed.csv"), first[:40] + second[40:])
    cases.append(("resumed/", "run folder of two files: updates 0..59 (max_lr 1e-3), then a resume from update 40 "
                  "with max_lr 5e-4 (newer file, 1 hour later): 0..39 from the first, 40..99 from the second"))

    # a killed run: the good lightning file cut inside its last record's data
    data = open(good, "rb").read()
    records = record_offsets(data)
    last = records[-1]
    torn_dir = os.path.join(tb_dir, "lightning.torn")
    os.makedirs(torn_dir)
    torn = os.path.join(torn_dir, os.path.basename(good))
    open(torn, "wb").write(data[:last + 12 + 5])
    shutil.copy(os.path.join(tb_dir, "lightning.csv"), os.path.join(tb_dir, "lightning.torn.csv"))
    cases.append(("lightning.torn/", f"the lightning file cut 5 bytes into the data of its last record (which starts "
                  f"at byte {last}; the file is {last + 17} bytes): a killed run; the cut record is the last train_loss"))

    # a corrupt file: one byte of a middle record's data flipped
    middle = records[len(records) // 2]
    corrupt = bytearray(data)
    corrupt[middle + 12 + 3] ^= 0x40
    bad_dir = os.path.join(tb_dir, "lightning.bad-crc")
    os.makedirs(bad_dir)
    open(os.path.join(bad_dir, os.path.basename(good)), "wb").write(bytes(corrupt))
    cases.append(("lightning.bad-crc/", f"the lightning file with byte {middle + 15} flipped, in the data of the "
                  f"record at byte {middle}: its data CRC fails"))
    return cases


def record_offsets(data):
    offsets, at = [], 0
    while at < len(data):
        offsets.append(at)
        (length,) = struct.unpack("<Q", data[at:at + 8])
        at += 12 + length + 4
    return offsets


class Metric:
    def __init__(self, key, value, timestamp, step):
        self.key, self.value, self.timestamp, self.step = key, value, timestamp, step


def mlflow_cases(store_module, out):
    spec = importlib.util.spec_from_file_location("mlflow_file_store_metrics", store_module)
    fs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fs)
    root = os.path.join(out, "mlflow", "mlruns")
    shutil.rmtree(os.path.join(out, "mlflow"), ignore_errors=True)
    store = fs.FileStore(root)
    clock = [1700000000000]
    cases = []

    def run(experiment, run_id):
        os.makedirs(os.path.join(root, experiment, run_id), exist_ok=True)
        with open(os.path.join(root, experiment, run_id, "meta.yaml"), "w") as f:
            f.write(f"experiment_id: '{experiment}'\nrun_id: {run_id}\nrun_uuid: {run_id}\nstatus: 3\n")
        info = types.SimpleNamespace(experiment_id=experiment, run_id=run_id)

        def log(metrics, step):  # MLflowCallback / MLFlowLogger: one timestamp (ms) per log_metrics call
            clock[0] += 1000
            for k, v in metrics.items():
                store._log_run_metric(info, Metric(k, v, clock[0], step))
        return log

    def csv(name, used):
        write_csv(os.path.join(out, "mlflow", name + ".csv"), used)

    log = run("0", "0a1b2c3d4e5f40718293a4b5c6d7e8f9")
    csv("hf-4.51", hf_run(lambda g, lr: log({"loss": 2.0 - g / 100, "grad_norm": 1.5, "learning_rate": lr,
                                             "epoch": g / 50}, g), True))
    cases.append(("mlruns/0/0a1b2c3d4e5f40718293a4b5c6d7e8f9/", "hf-4.51.csv; transformers >= 4.51 Trainer + "
                  "MLflowCallback: learning_rate at step g = LR of update g-1 (same loop as tensorboard/hf-4.51)"))

    log = run("0", "1b2c3d4e5f6a40718293a4b5c6d7e8f9")
    csv("hf-4.51.stepped-twice", hf_stepped_twice(lambda g, lr: log({"learning_rate": lr, "loss": 1.0}, g)))
    cases.append(("mlruns/0/1b2c3d4e5f6a40718293a4b5c6d7e8f9/", "hf-4.51.stepped-twice.csv; fault: the Trainer's "
                  "scheduler stepped twice per update (accelerate with 2 processes and a scheduler not sized for them)"))

    # Lightning MLFlowLogger, two param groups (lr-AdamW/pg1, lr-AdamW/pg2: nested files), then a resume of the same
    # run from update 40 that logs 40..99 again with a restarted scheduler (fault: restarted from 0 at a resume)
    log = run("1", "2c3d4e5f6a7b40718293a4b5c6d7e8f9")
    opt = optimizer(1e-3, 2e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[1e-3, 2e-4], total_steps=UPDATES + 1)
    used = []
    for u in range(60):
        log({"lr-AdamW/pg1": opt.param_groups[0]["lr"], "lr-AdamW/pg2": opt.param_groups[1]["lr"]}, u)
        used.append(opt.param_groups[0]["lr"])
        update(opt)
        sched.step()
    opt = optimizer(1e-3, 2e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[1e-3, 2e-4], total_steps=UPDATES + 1)
    used = used[:40]
    for u in range(40, UPDATES):
        log({"lr-AdamW/pg1": opt.param_groups[0]["lr"], "lr-AdamW/pg2": opt.param_groups[1]["lr"]}, u)
        used.append(opt.param_groups[0]["lr"])
        update(opt)
        sched.step()
    csv("lightning.restarted", used)
    cases.append(("mlruns/1/2c3d4e5f6a7b40718293a4b5c6d7e8f9/", "lightning.restarted.csv; Lightning MLFlowLogger + "
                  "LearningRateMonitor, two param groups (metrics/lr-AdamW/pg1, pg2); fault: resumed at update 40 with the scheduler restarted "
                  "from 0, steps 40..59 logged twice (later timestamps win); CSV = group pg1"))
    return cases


def hf_stepped_twice(log, logging_steps=5):
    opt = optimizer(1e-3)
    sched = warmup_cosine(opt)
    used = []
    for u in range(UPDATES // 2):
        used.append(opt.param_groups[0]["lr"])
        update(opt)
        sched.step()
        sched.step()
        g = u + 1
        if g % logging_steps == 0:
            log(g, used[-1])
    return used


def main():
    tbx_dir, mlflow_py, out = sys.argv[1:4]
    tbx = load_tensorboardx(tbx_dir)
    tb = tensorboard_cases(tbx, os.path.join(out))
    ml = mlflow_cases(mlflow_py, out)
    with open(os.path.join(out, "tensorboard", "README.md"), "w") as f:
        f.write("# TensorBoard golden logs\n\nWritten by src/tools/golden/tensorboard_mlflow_logs.py with "
                "tensorboardX's writer (lanpa/tensorboardX 48a5f8ae). CASE.csv: update,lr, the LR each update used."
                "\n\n")
        for case, text in tb:
            f.write(f"- `{case}`: {text}\n")
    with open(os.path.join(out, "mlflow", "README.md"), "w") as f:
        f.write("# MLflow golden logs\n\nWritten by src/tools/golden/tensorboard_mlflow_logs.py with MLflow's "
                "FileStore._log_run_metric (mlflow/mlflow 001cc178). CSV: update,lr, the LR each update used.\n\n")
        for case, text in ml:
            f.write(f"- `{case}`: {text}\n")


if __name__ == "__main__":
    main()
