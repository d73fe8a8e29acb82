"""Golden logs for lrsched's JSON-family log readers, written by each framework's own writing code.

Usage (Debian's python3 with torch; each argument is a folder holding the framework's module files, fetched
unchanged from the repository and commit named below):

    /usr/bin/python3 src/tools/golden/json_logs.py --out src/test/resources/golden/logs \
        --transformers DIR --llamafactory DIR --detectron2 DIR --mmengine DIR --example examples/logs/hf-checkpoint

Modules run here (never committed), each folder holding the files named, flat:
  --transformers  trainer_callback.py (TrainerState, TrainerControl, TrainerCallback, save_to_json) of
                huggingface/transformers src/transformers/, as shipped in the transformers 4.57.6 wheel. The loop
                order around it follows src/transformers/trainer.py of that release (lines 2740-2765: optimizer.step(),
                then `learning_rate = self._get_learning_rate()` [>= 4.51], then lr_scheduler.step(), global_step +=
                1, then _maybe_log_save_evaluate -> Trainer.log appends {**logs, "epoch": ..., "step": global_step}
                and calls on_log); before 4.51 (PR #36973) _get_learning_rate() (trainer_pt_utils.py:
                lr_scheduler.get_last_lr()[0]) was called inside _maybe_log_save_evaluate, after the scheduler step.
  --llamafactory  callbacks.py = hiyouga/LLaMA-Factory src/llamafactory/train/callbacks.py (LogCallback) at commit
                ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30.
  --detectron2    events.py, train_loop.py, hooks.py = facebookresearch/detectron2 detectron2/utils/events.py
                (EventStorage, JSONWriter), detectron2/engine/train_loop.py (TrainerBase, HookBase),
                detectron2/engine/hooks.py (LRScheduler, PeriodicWriter) at commit
                02b5c4e295e990042a714712c21dc79b731e8833; history_buffer.py = facebookresearch/fvcore
                fvcore/common/history_buffer.py at commit 3378afe0d71dc2aa95e358bc78dc9b67cb48825a.
  --mmengine      history_buffer.py, message_hub.py (mmengine/logging/), hook.py, runtime_info_hook.py,
                logger_hook.py (mmengine/hooks/), log_processor.py (mmengine/runner/), vis_backend.py
                (mmengine/visualization/), json_handler.py, base.py (mmengine/fileio/handlers/) of
                open-mmlab/mmengine at commit 254342938d9bde1775c39ea7d5181c5d294026c4.
  --example DIR   also writes the HF checkpoint of examples/logs/hf-checkpoint into DIR.

The shims below only make these modules importable (stub modules for imports the used code never calls); they do
not touch the arithmetic or the writing. Learning rates come from real torch.optim.lr_scheduler schedulers; beside
each log, <case>.expected.csv holds `update,lr`: the LR each update used (param_groups[0]['lr'] read just before
optimizer.step()), from the same scheduler as the log.
"""
import argparse
import importlib.util
import json
import math
import os
import shutil
import sys
import types

import torch


# ---------------------------------------------------------------- shims: import plumbing only

class _Stub(types.ModuleType):
    """A module whose every attribute is a fresh empty class (imported names the used code never calls)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = type(name, (), {"__init__": lambda self, *a, **k: None})
        setattr(self, name, value)
        return value


def stub(name, **attrs):
    module = sys.modules.get(name) if isinstance(sys.modules.get(name), _Stub) else _Stub(name)
    module.__path__ = []
    for k, v in attrs.items():
        setattr(module, k, v)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules.get(parent) or stub(parent), child, module)
    return module


def load(name, path):
    """Imports the file at path as module `name` (its package must be in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- a real optimizer and scheduler

def optimizer(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=lr)


def linear_warmup_decay(opt, warmup, total):
    # the shape of transformers' get_linear_schedule_with_warmup, as a torch LambdaLR
    def f(step):
        if step < warmup:
            return float(step) / float(max(1, warmup))
        return max(0.0, float(total - step) / float(max(1, total - warmup)))
    return torch.optim.lr_scheduler.LambdaLR(opt, f)


def write_csv(path, used):
    with open(path, "w") as f:
        f.write("update,lr\n")
        for u, lr in enumerate(used):
            f.write("%d,%r\n" % (u, lr))


# ---------------------------------------------------------------- transformers

def hf_run(tc, updates, make_scheduler, logging_steps, fixed, fault=None, state=None, start=0, stop=None,
           eval_every=0, scheduler=None, opt=None):
    """A Trainer-ordered loop writing TrainerState.log_history. Returns (state, used LRs, optimizer, scheduler).

    fixed: transformers >= 4.51 (the LR is read before lr_scheduler.step()); else after it (older releases).
    fault: None, "stepped-twice" (the scheduler stepped twice per update), "one-off" (the LR logged is the one
    read after the step although the release reads it before).
    """
    if opt is None:
        opt = optimizer(1e-3)
        scheduler = make_scheduler(opt)
    if state is None:
        state = tc.TrainerState()
        state.log_history = []
        state.logging_steps = logging_steps
        state.max_steps = updates
    used = []
    stop = updates if stop is None else stop
    state.global_step = start
    for g in range(start, stop):
        used.append(opt.param_groups[0]["lr"])
        opt.step()
        learning_rate = scheduler.get_last_lr()[0]  # trainer_pt_utils._get_learning_rate
        scheduler.step()
        if fault == "stepped-twice":
            scheduler.step()
        if not fixed or fault == "one-off":
            learning_rate = scheduler.get_last_lr()[0]
        state.global_step += 1
        state.epoch = state.global_step / 10.0
        if state.global_step % logging_steps == 0:
            logs = {"loss": round(2.0 / state.global_step, 4), "grad_norm": 1.0 + state.global_step / 100.0,
                    "learning_rate": learning_rate}
            state.log_history.append({**logs, "epoch": state.epoch, "step": state.global_step})
        if eval_every and state.global_step % eval_every == 0:
            state.log_history.append({"eval_loss": 1.0 / state.global_step, "eval_runtime": 0.5,
                                      "epoch": state.epoch, "step": state.global_step})
    return state, used, opt, scheduler


def save_checkpoint(state, folder, version):
    os.makedirs(folder, exist_ok=True)
    state.save_to_json(os.path.join(folder, "trainer_state.json"))
    with open(os.path.join(folder, "config.json"), "w") as f:  # what PretrainedConfig.to_json_file records
        json.dump({"architectures": ["TinyModel"], "model_type": "tiny", "transformers_version": version}, f,
                  indent=2, sort_keys=True)
        f.write("\n")


def transformers_logs(src, out):
    pkg = stub("transformers")
    pkg.__path__ = [src]
    stub("transformers.trainer_utils")
    stub("transformers.training_args")
    logging_stub = stub("transformers.utils")
    logging_stub.logging = types.SimpleNamespace(get_logger=lambda name: None)
    stub("tqdm")
    stub("tqdm.auto")
    tc = load("transformers.trainer_callback", os.path.join(src, "trainer_callback.py"))
    hf = os.path.join(out, "hf")
    shutil.rmtree(hf, ignore_errors=True)
    os.makedirs(hf)

    def linear(opt):
        return linear_warmup_decay(opt, 10, 60)

    def cosine(opt):
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=40, eta_min=1e-5)

    # new: transformers 4.57.6 order, an output folder with two checkpoints (the reader takes checkpoint-60)
    state, used, _, _ = hf_run(tc, 60, linear, 5, True, eval_every=20)
    save_checkpoint(state, os.path.join(hf, "new", "checkpoint-60"), "4.57.6")
    first = tc.TrainerState()
    first.log_history = [e for e in state.log_history if e["step"] <= 30]
    first.global_step = 30
    save_checkpoint(first, os.path.join(hf, "new", "checkpoint-30"), "4.57.6")
    write_csv(os.path.join(hf, "new.expected.csv"), used)

    # old: transformers 4.45.2 order (LR read after the scheduler stepped), logged every update
    state, used, _, _ = hf_run(tc, 40, cosine, 1, False)
    save_checkpoint(state, os.path.join(hf, "old", "checkpoint-40"), "4.45.2")
    write_csv(os.path.join(hf, "old.expected.csv"), used)

    # faults, in the new order, logged every 2 updates: stepped twice per update; one update off
    for fault in ("stepped-twice", "one-off"):
        state, used, _, _ = hf_run(tc, 30, cosine, 2, True, fault=fault)
        save_checkpoint(state, os.path.join(hf, "new." + fault), "4.57.6")
        write_csv(os.path.join(hf, "new.%s.expected.csv" % fault), used)

    # restarted at a resume: checkpoint at 20, job killed at 27, resumed from checkpoint-20 with the scheduler
    # restarted from 0 (its state not loaded); the resumed run's state starts from checkpoint-20's log_history
    state, used, _, _ = hf_run(tc, 40, cosine, 2, True, stop=20)
    resumed = tc.TrainerState()
    resumed.log_history = list(state.log_history)
    resumed.logging_steps = 2
    resumed.max_steps = 40
    state2, used2, _, _ = hf_run(tc, 40, cosine, 2, True, state=resumed, start=20)
    save_checkpoint(state2, os.path.join(hf, "new.restarted"), "4.57.6")
    write_csv(os.path.join(hf, "new.restarted.expected.csv"), used + used2)
    return tc


def transformers_example(tc, folder):
    """examples/logs/hf-checkpoint: get_linear_schedule_with_warmup(lr 5e-5, 10 warmup, 100 steps) as transformers
    4.45.2 logged it every 5 updates; the checkpoint after update 100."""
    def linear(opt):
        return linear_warmup_decay(opt, 10, 100)

    opt = optimizer(5e-5)
    state, _, _, _ = hf_run(tc, 100, None, 5, False, opt=opt, scheduler=linear(opt), eval_every=50)
    shutil.rmtree(folder, ignore_errors=True)
    save_checkpoint(state, folder, "4.45.2")


# ---------------------------------------------------------------- LLaMA-Factory

def llamafactory_logs(src, tc, out):
    import transformers
    transformers.TrainerCallback = tc.TrainerCallback  # the real base class, from trainer_callback.py
    stub("transformers.trainer_utils", PREFIX_CHECKPOINT_DIR="checkpoint", has_length=lambda x: True)
    stub("transformers.utils", SAFE_WEIGHTS_NAME="model.safetensors", WEIGHTS_NAME="pytorch_model.bin")
    stub("peft")
    for name in ("llamafactory", "llamafactory.train", "llamafactory.extras"):
        stub(name)
    quiet = types.SimpleNamespace(warning_rank0_once=print, info_rank0=print, warning_rank0=print)
    sys.modules["llamafactory.extras"].logging = stub("llamafactory.extras.logging", get_logger=lambda n=None: quiet)
    # constants as in src/llamafactory/extras/constants.py
    stub("llamafactory.extras.constants", TRAINER_LOG="trainer_log.jsonl", V_HEAD_WEIGHTS_NAME="value_head.bin",
         V_HEAD_SAFE_WEIGHTS_NAME="value_head.safetensors")
    stub("llamafactory.extras.misc", get_peak_memory=lambda: (0, 0),
         is_env_enabled=lambda var, default="0": os.getenv(var, default).lower() in ["true", "y", "1"],
         is_torch_cuda_available=lambda: False, is_torch_npu_available=lambda: False, use_ray=lambda: False)
    stub("llamafactory.extras.packages", is_safetensors_available=lambda: False)
    cb_module = load("llamafactory.train.callbacks", os.path.join(src, "callbacks.py"))
    lf = os.path.join(out, "llamafactory")
    shutil.rmtree(lf, ignore_errors=True)

    def cosine(opt):
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=40, eta_min=1e-5)

    def run(folder, fixed, stop, start=0, opt=None, sched=None, state=None, callback=None):
        """Trainer.log's order: append to log_history, then callback_handler.on_log."""
        args = types.SimpleNamespace(should_save=True, output_dir=folder, overwrite_output_dir=False)
        if opt is None:
            opt = optimizer(1e-3)
            sched = cosine(opt)
        if state is None:
            state = tc.TrainerState()
            state.log_history = []
            state.max_steps = 40
        callback = cb_module.LogCallback()
        control = tc.TrainerControl()
        callback.on_init_end(args, state, control)
        callback.on_train_begin(args, state, control)
        used, saved = [], None
        state.global_step = start
        for g in range(start, stop):
            used.append(opt.param_groups[0]["lr"])
            opt.step()
            learning_rate = sched.get_last_lr()[0]
            sched.step()
            if not fixed:
                learning_rate = sched.get_last_lr()[0]
            state.global_step += 1
            state.epoch = state.global_step / 10.0
            if state.global_step % 2 == 0:
                state.log_history.append({"loss": round(2.0 / state.global_step, 4), "grad_norm": 1.0,
                                          "learning_rate": learning_rate, "epoch": state.epoch,
                                          "step": state.global_step})
                callback.on_log(args, state, control)
            if state.global_step % 10 == 0:
                state.log_history.append({"eval_loss": 0.5, "epoch": state.epoch, "step": state.global_step})
                callback.on_log(args, state, control)
            if g + 1 == 20:
                saved = (opt.state_dict(), sched.state_dict(), list(state.log_history))
        callback.on_train_end(args, state, control)
        return used, saved

    # resumed: transformers 4.45.2 order; killed after update 27, resumed from checkpoint-20 with the optimizer and
    # scheduler restored (as the Trainer does), so the steps 21-27 are logged twice with the same LRs
    folder = os.path.join(lf, "resumed")
    os.makedirs(os.path.join(folder, "checkpoint-20"))
    with open(os.path.join(folder, "checkpoint-20", "config.json"), "w") as f:
        json.dump({"model_type": "tiny", "transformers_version": "4.45.2"}, f, indent=2, sort_keys=True)
    used, saved = run(folder, False, 27)
    opt = optimizer(1e-3)
    sched = cosine(opt)
    opt.load_state_dict(saved[0])
    sched.load_state_dict(saved[1])
    state = tc.TrainerState()
    state.log_history = saved[2]
    state.max_steps = 40
    used2, _ = run(folder, False, 40, start=20, opt=opt, sched=sched, state=state)
    write_csv(os.path.join(lf, "resumed.expected.csv"), used[:20] + used2)

    # killed: newest order, no version recorded; the job was killed while writing its last line
    folder = os.path.join(lf, "killed")
    used, _ = run(folder, True, 40)
    log = os.path.join(folder, "trainer_log.jsonl")
    with open(log, "rb") as f:
        data = f.read()
    cut = data.rstrip(b"\n").rfind(b"\n") + 40  # 40 bytes into the last line
    with open(log, "wb") as f:
        f.write(data[:cut])
    write_csv(os.path.join(lf, "killed.expected.csv"), used)


# ---------------------------------------------------------------- detectron2

def detectron2_logs(src, out):
    stub("fvcore")
    stub("fvcore.common")
    load("fvcore.common.history_buffer", os.path.join(src, "history_buffer.py"))
    for name in ("fvcore.common.checkpoint", "fvcore.common.param_scheduler", "fvcore.common.timer", "fvcore.nn",
                 "fvcore.nn.precise_bn", "detectron2.utils.comm", "detectron2.evaluation",
                 "detectron2.evaluation.testing"):
        stub(name)
    for name in ("detectron2", "detectron2.utils", "detectron2.engine"):
        stub(name)
    stub("detectron2.utils.file_io", PathManager=types.SimpleNamespace(open=open))
    stub("detectron2.utils.logger", _log_api_usage=lambda identifier: None)
    stub("detectron2.solver", LRScheduler=torch.optim.lr_scheduler._LRScheduler)
    events = load("detectron2.utils.events", os.path.join(src, "events.py"))
    train_loop = load("detectron2.engine.train_loop", os.path.join(src, "train_loop.py"))
    hooks = load("detectron2.engine.hooks", os.path.join(src, "hooks.py"))
    d2 = os.path.join(out, "detectron2")
    shutil.rmtree(d2, ignore_errors=True)
    os.makedirs(d2)

    class Trainer(train_loop.TrainerBase):
        """SimpleTrainer.run_step's order: forward, backward, optimizer.step(), losses into the storage."""

        def __init__(self, opt, used, stop):
            super().__init__()
            self.optimizer = opt
            self.used = used
            self.stop = stop

        def run_step(self):
            if self.iter == self.stop:
                raise KeyboardInterrupt("killed")
            self.used[self.iter] = self.optimizer.param_groups[0]["lr"]
            self.optimizer.step()
            self.storage.put_scalars(total_loss=1.0 / (1 + self.iter), data_time=0.01)

    class Evaluation(train_loop.HookBase):
        """Puts an evaluation result after training, as EvalHook does (no lr in it)."""

        def after_train(self):
            self.trainer.storage.put_scalars(**{"bbox/AP": 12.5}, smoothing_hint=False)

    def train(folder, scheduler_of, used, start, max_iter, stop=None, period=5):
        opt = optimizer(0.02)
        scheduler = scheduler_of(opt)
        trainer = Trainer(opt, used, stop)
        writer = hooks.PeriodicWriter([events.JSONWriter(os.path.join(folder, "metrics.json"))], period=period)
        trainer.register_hooks([hooks.LRScheduler(opt, scheduler), Evaluation(), writer])
        try:
            trainer.train(start, max_iter)
        except KeyboardInterrupt:
            pass

    def steplr(opt):
        return torch.optim.lr_scheduler.StepLR(opt, step_size=20, gamma=0.1)

    def warmup_cosine(opt):
        return torch.optim.lr_scheduler.LambdaLR(
            opt, lambda it: (it + 1) / 10 if it < 10 else 0.5 * (1 + math.cos(math.pi * (it - 10) / 50)))

    # a whole run: 60 iterations, written every 5, then an evaluation line
    for name, scheduler_of in (("steplr", steplr), ("cosine", warmup_cosine)):
        folder = os.path.join(d2, name)
        os.makedirs(folder)
        used = {}
        train(folder, scheduler_of, used, 0, 60)
        write_csv(os.path.join(d2, name + ".expected.csv"), [used[i] for i in range(60)])

    # restarted at a resume: killed in iteration 37 (written up to 34), resumed from the checkpoint after
    # iteration 29 with the scheduler restarted from 0 (its state not loaded); the resumed run appends its lines
    folder = os.path.join(d2, "steplr.restarted")
    os.makedirs(folder)
    used = {}
    train(folder, steplr, used, 0, 60, stop=37)
    resumed = {}
    train(folder, steplr, resumed, 30, 60)
    used.update(resumed)
    write_csv(os.path.join(d2, "steplr.restarted.expected.csv"), [used[i] for i in range(60)])


# ---------------------------------------------------------------- mmengine

def mmengine_logs(src, out):
    def register_module(*a, **k):
        return lambda cls: cls

    registry = types.SimpleNamespace(register_module=register_module)
    stub("mmengine", is_method_overridden=lambda method, base_class, derived_class: False)
    stub("mmengine.registry", HOOKS=registry, LOG_PROCESSORS=registry, VISBACKENDS=registry)

    class ManagerMixin:  # mmengine/utils/manager.py: the global-instance registry, not needed for one hub
        def __init__(self, name="", **kwargs):
            self._instance_name = name

    stub("mmengine.utils", ManagerMixin=ManagerMixin, get_git_hash=lambda: "0", is_seq_of=lambda seq, t, seq_type=None: all(isinstance(x, t) for x in seq),
         scandir=lambda *a, **k: iter(()), digit_version=lambda v: (0,))
    stub("mmengine.utils.dl_utils", TORCH_VERSION=torch.__version__)
    stub("mmengine.version", __version__="0.10.7")
    stub("mmengine.device", get_max_cuda_memory=lambda *a: 0, get_max_musa_memory=lambda *a: 0,
         is_cuda_available=lambda: False, is_musa_available=lambda: False)
    stub("cv2")
    stub("mmengine.config")
    stub("mmengine.fileio.io", get_file_backend=lambda *a, **k: None)
    stub("mmengine.fileio.handlers")
    load("mmengine.fileio.handlers.base", os.path.join(src, "base.py"))
    json_handler = load("mmengine.fileio.handlers.json_handler", os.path.join(src, "json_handler.py"))
    # mmengine/fileio/io.py dump(obj, file_object, file_format='json'): handler.dump_to_fileobj(obj, file)
    stub("mmengine.fileio", FileClient=object,
         dump=lambda obj, file, file_format: json_handler.JsonHandler().dump_to_fileobj(obj, file))
    stub("mmengine.logging", print_log=lambda *a, **k: None, MMLogger=object)
    load("mmengine.logging.history_buffer", os.path.join(src, "history_buffer.py"))
    sys.modules["mmengine.logging"].logger = stub("mmengine.logging.logger", print_log=lambda *a, **k: None)
    hub_module = load("mmengine.logging.message_hub", os.path.join(src, "message_hub.py"))
    hooks = stub("mmengine.hooks")
    hooks.Hook = load("mmengine.hooks.hook", os.path.join(src, "hook.py")).Hook
    runtime = load("mmengine.hooks.runtime_info_hook", os.path.join(src, "runtime_info_hook.py"))
    logger_hook = load("mmengine.hooks.logger_hook", os.path.join(src, "logger_hook.py"))
    stub("mmengine.runner")
    log_processor = load("mmengine.runner.log_processor", os.path.join(src, "log_processor.py"))
    vis = load("mmengine.visualization.vis_backend", os.path.join(src, "vis_backend.py"))
    mm = os.path.join(out, "mmengine")
    shutil.rmtree(mm, ignore_errors=True)

    class Visualizer:  # mmengine/visualization/visualizer.py add_scalars: hands the dict to every backend
        def __init__(self, backend):
            self.backend = backend

        def add_scalars(self, scalar_dict, step=0, file_path=None, **kwargs):
            self.backend.add_scalars(scalar_dict, step, file_path, **kwargs)

    class OptimWrapper:  # mmengine/optim/optimizer/optimizer_wrapper.py get_lr
        def __init__(self, opt):
            self.optimizer = opt

        def get_lr(self):
            return {"lr": [group["lr"] for group in self.optimizer.param_groups]}

    def run(name, by_epoch, epochs, per_epoch, make_scheduler, interval=5):
        """IterBasedTrainLoop / EpochBasedTrainLoop order with the hooks by priority: RuntimeInfoHook (VERY_HIGH)
        before_train_iter; run_iter (optimizer step); after_train_iter: RuntimeInfoHook, LoggerHook (BELOW_NORMAL),
        ParamSchedulerHook (LOW: iteration-based schedulers step here, epoch-based ones after the epoch);
        runner.iter += 1."""
        opt = optimizer(0.1)
        scheduler = make_scheduler(opt)
        folder = os.path.join(mm, name, "20250101_120000")
        runner = types.SimpleNamespace(
            iter=0, epoch=0, max_iters=epochs * per_epoch, max_epochs=epochs, timestamp="20250101_120000",
            train_dataloader=[None] * per_epoch, val_dataloader=[None] * 4, _train_loop=object(),
            train_loop=types.SimpleNamespace(dataloader=[None] * per_epoch),
            val_loop=types.SimpleNamespace(dataloader=[None] * 4),
            experiment_name=name, work_dir=os.path.join(mm, name), log_dir=folder,
            message_hub=hub_module.MessageHub("golden"), optim_wrapper=OptimWrapper(opt),
            logger=types.SimpleNamespace(info=lambda *a: None),
            log_processor=log_processor.LogProcessor(window_size=interval, by_epoch=by_epoch),
            visualizer=Visualizer(vis.LocalVisBackend(os.path.join(folder, "vis_data"))))
        info = runtime.RuntimeInfoHook()
        logger = logger_hook.LoggerHook(interval=interval)
        logger.before_run(runner)
        used = []
        for epoch in range(epochs):
            runner.epoch = epoch
            for batch_idx in range(per_epoch):
                info.before_train_iter(runner, batch_idx)
                used.append(opt.param_groups[0]["lr"])
                opt.step()
                outputs = {"loss": 1.0 / (1 + runner.iter)}
                info.after_train_iter(runner, batch_idx, outputs=outputs)
                logger.after_train_iter(runner, batch_idx, outputs=outputs)
                if not by_epoch:
                    scheduler.step()
                runner.iter += 1
            if by_epoch:
                scheduler.step()
                runner.epoch = epoch + 1
                runner.message_hub.update_scalar("val/accuracy/top1", 50.0 + epoch)
                logger.after_val_epoch(runner)
        write_csv(os.path.join(mm, name + ".expected.csv"), used)

    run("iter-cosine", False, 1, 60, lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, 60, 1e-4))
    run("epoch-multistep", True, 4, 15, lambda opt: torch.optim.lr_scheduler.MultiStepLR(opt, [2, 3], 0.1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--transformers")
    parser.add_argument("--llamafactory")
    parser.add_argument("--detectron2")
    parser.add_argument("--mmengine")
    parser.add_argument("--example", help="also write examples/logs/hf-checkpoint here")
    args = parser.parse_args()
    if args.mmengine:
        mmengine_logs(args.mmengine, args.out)
    if args.detectron2:
        detectron2_logs(args.detectron2, args.out)
    if args.transformers:
        tc = transformers_logs(args.transformers, args.out)
        if args.example:
            transformers_example(tc, args.example)
        if args.llamafactory:
            llamafactory_logs(args.llamafactory, tc, args.out)


if __name__ == "__main__":
    main()
