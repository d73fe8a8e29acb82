"""Golden logs for lrsched's JSON-family log readers, written by each framework's own writing code.

Usage (Debian's python3 with torch; each argument is a folder holding the framework's module files, fetched
unchanged from the repository and commit named below):

    /usr/bin/python3 src/tools/golden/json_logs.py --out src/test/resources/golden/logs \
        --transformers DIR --llamafactory DIR --detectron2 DIR --mmengine DIR

Modules run here (never committed):
  transformers  huggingface/transformers, src/transformers/trainer_callback.py (TrainerState, save_to_json), as
                shipped in the transformers 4.57.6 wheel (the file is identical at tag v4.57.6). The loop order around
                it follows src/transformers/trainer.py of that release (lines 2740-2765: optimizer.step(), then
                `learning_rate = self._get_learning_rate()` [>= 4.51], then lr_scheduler.step(), global_step += 1,
                then _maybe_log_save_evaluate -> Trainer.log appends {**logs, "epoch": ..., "step": global_step});
                before 4.51 (PR #36973) _get_learning_rate() (trainer_pt_utils.py: lr_scheduler.get_last_lr()[0])
                was called inside _maybe_log_save_evaluate, after the scheduler had stepped.
  llamafactory  hiyouga/LLaMA-Factory, src/llamafactory/train/callbacks.py (LogCallback) at commit
                ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30.
  detectron2    facebookresearch/detectron2 at commit 02b5c4e295e990042a714712c21dc79b731e8833:
                detectron2/utils/events.py (EventStorage, JSONWriter), detectron2/engine/train_loop.py (TrainerBase,
                HookBase), detectron2/engine/hooks.py (LRScheduler, PeriodicWriter).
  mmengine      open-mmlab/mmengine at commit 254342938d9bde1775c39ea7d5181c5d294026c4:
                mmengine/logging/history_buffer.py, mmengine/logging/message_hub.py? (see mmengine_logs),
                mmengine/runner/log_processor.py (LogProcessor), mmengine/hooks/runtime_info_hook.py,
                mmengine/hooks/logger_hook.py, mmengine/visualization/vis_backend.py (LocalVisBackend).

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
    module = _Stub(name)
    module.__path__ = []
    for k, v in attrs.items():
        setattr(module, k, v)
    sys.modules[name] = module
    return module


def load(name, path):
    """Imports the file at path as module `name` (its package must be in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--transformers")
    parser.add_argument("--llamafactory")
    parser.add_argument("--detectron2")
    parser.add_argument("--mmengine")
    args = parser.parse_args()
    if args.transformers:
        tc = transformers_logs(args.transformers, args.out)
        if args.llamafactory:
            llamafactory_logs(args.llamafactory, tc, args.out)


if __name__ == "__main__":
    main()
