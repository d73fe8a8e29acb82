#!/usr/bin/env python3
"""Golden data for lrsched's NeMo config format (src/test/resources/golden/configs/nemo/).

Runs NeMo's own scheduler setup on NeMo-style training configs and records the LR of every optimizer update:

- the config is loaded and resolved with OmegaConf (OmegaConf.load, then to_container(resolve=True) on model.optim,
  as ModelPT.setup_optimization does);
- setup_optimization's scheduler branch, transcribed from NVIDIA/NeMo nemo/core/classes/modelPT.py
  (commit 141c8956dadf986c7f1af1b76a95513db17a63ec, lines 695-714): trainer.max_steps >= 0 is written into
  sched.max_steps; otherwise t_max_epochs, t_accumulate_grad_batches, t_limit_train_batches and
  t_num_workers = devices x num_nodes are (Lightning's defaults where the trainer section leaves them out:
  max_epochs 1000 when max_steps is -1, accumulate_grad_batches 1, limit_train_batches 1.0);
- nemo/core/optim/lr_scheduler.py (commit 8cfedd7203462cb251a914e700e5605444277561) imported unchanged (the same
  minimal import shims as nemo_schedulers.py, plus a no-op logging) and its prepare_lr_scheduler called with a real
  torch DataLoader over a dataset of dataset_size items (the config's model.train_ds.batch_size and drop_last), so
  compute_max_steps, get_scheduler and the scheduler are NeMo's own;
- the loop (Lightning, interval 'step'): read param_groups[0]['lr'], optimizer.step(), scheduler.step(), for
  max_steps updates (the run's length).

Writes CASE.yaml (the config), CASE.run (the --run facts) and CASE.csv (step,lr: every update). For the example
configs examples/configs/nemo-*.yaml it writes golden/configs/nemo-examples/NAME.csv with every 250th update and
the updates around the warmup's end and max_steps (the runs are long), plus NAME.run. Usage, from the repository root:
    /usr/bin/python3 src/tools/golden/nemo_configs.py /tmp/scratch-nemo/lr_scheduler.py
"""
import os
import sys
import types
import warnings

import torch
from omegaconf import OmegaConf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nemo_schedulers  # noqa: E402  (the module loader and its shims)

OUT = os.path.join("src", "test", "resources", "golden", "configs", "nemo")

GPT = """\
name: megatron_gpt
trainer:
  devices: 8
  num_nodes: 2
  accelerator: gpu
  precision: bf16
  max_epochs: -1
  max_steps: {max_steps}
  accumulate_grad_batches: 1
  gradient_clip_val: 1.0
model:
  micro_batch_size: 4
  global_batch_size: 64
  encoder_seq_length: 2048
  max_position_embeddings: ${{.encoder_seq_length}}
  optim:
    name: fused_adam
    lr: 2e-4
    weight_decay: 0.01
    betas: [0.9, 0.95]
    sched:
{sched}
"""

ASR = """\
name: Conformer-CTC-BPE
model:
  sample_rate: 16000
  train_ds:
    manifest_filepath: ???
    sample_rate: ${{model.sample_rate}}
    batch_size: {batch}
    shuffle: true
    num_workers: 8
{train_ds_extra}  encoder:
    _target_: nemo.collections.asr.modules.ConformerEncoder
    d_model: 176
    n_heads: 4
  optim:
    name: adamw
    lr: 2.0
    betas: [0.9, 0.98]
    weight_decay: 1e-3
    sched:
{sched}
trainer:
{trainer}  accelerator: auto
  strategy: ddp
  precision: 32
exp_manager:
  exp_dir: null
"""

CASES = [
    ("megatron_gpt_cosine_constant_steps", GPT.format(max_steps=240, sched="""\
      name: CosineAnnealing
      warmup_steps: 20
      constant_steps: 40
      min_lr: 2e-5"""), {}),
    ("megatron_gpt_cosine_warmup_ratio", GPT.format(max_steps=150, sched="""\
      name: CosineAnnealing
      warmup_ratio: 0.1
      constant_steps: 0
      min_lr: 2e-5"""), {}),
    ("trainer_max_steps_overrides_sched", GPT.format(max_steps=90, sched="""\
      name: WarmupAnnealing
      warmup_steps: 10
      max_steps: 999
      min_lr: 1e-6"""), {}),
    ("relative_interpolation_hold", GPT.format(max_steps=120, sched="""\
      name: PolynomialHoldDecayAnnealing
      warmup_steps: 12
      hold_steps: ${.warmup_steps}
      power: 2.0
      min_lr: ${..lr}"""), {}),
    ("step_lr", GPT.format(max_steps=100, sched="""\
      name: StepLR
      step_size: 30
      gamma: 0.5"""), {}),
    ("asr_noam_epochs", ASR.format(batch=16, train_ds_extra="", sched="""\
      name: NoamAnnealing
      d_model: ${model.encoder.d_model}
      warmup_steps: 25
      warmup_ratio: null
      min_lr: 1e-6""", trainer="""\
  devices: -1
  num_nodes: 1
  max_epochs: 4
  max_steps: -1
  accumulate_grad_batches: 1
"""), {"dataset_size": 1000, "num_devices": 4}),
    ("asr_epochs_drop_last_accumulate_limit", ASR.format(batch=8, train_ds_extra="    drop_last: true\n",
                                                         sched="""\
      name: CosineAnnealing
      warmup_ratio: 0.1
      min_lr: 1e-3""", trainer="""\
  devices: 2
  num_nodes: 2
  max_epochs: 5
  max_steps: -1
  accumulate_grad_batches: 3
  limit_train_batches: 0.5
"""), {"dataset_size": 2003}),
    ("asr_limit_train_batches_int", ASR.format(batch=4, train_ds_extra="", sched="""\
      name: NoamHoldAnnealing
      warmup_steps: 5
      hold_steps: 10
      min_lr: 1e-4""", trainer="""\
  devices: 1
  max_epochs: 6
  limit_train_batches: 7
"""), {"dataset_size": 500}),
]

TRAINER_DEFAULTS = {"max_steps": -1, "max_epochs": None, "accumulate_grad_batches": 1, "limit_train_batches": 1.0,
                    "num_nodes": 1}


def sched_config(cfg, facts):
    """ModelPT.setup_optimization's scheduler branch (see the docstring), on the resolved model.optim."""
    optim = OmegaConf.to_container(cfg.model.optim, resolve=True)
    trainer = dict(TRAINER_DEFAULTS, **OmegaConf.to_container(cfg.trainer, resolve=True))
    if trainer["max_steps"] is None or trainer["max_steps"] < 0:
        max_epochs = trainer["max_epochs"]
        if max_epochs is None:  # Lightning's fit loop: 1000 epochs when neither limit is set
            max_epochs = 1000
        optim["sched"]["t_max_epochs"] = max_epochs
        optim["sched"]["t_accumulate_grad_batches"] = trainer["accumulate_grad_batches"]
        optim["sched"]["t_limit_train_batches"] = trainer["limit_train_batches"]
        devices = trainer["devices"] if isinstance(trainer["devices"], int) and trainer["devices"] > 0 \
            else facts["num_devices"]
        optim["sched"]["t_num_workers"] = devices * trainer["num_nodes"]
    else:
        optim["sched"]["max_steps"] = trainer["max_steps"]
    return OmegaConf.create(optim["sched"])


EXAMPLES = [("nemo-megatron-gpt.yaml", {}), ("nemo-asr-conformer.yaml", {"dataset_size": 281241, "num_devices": 8})]
EXAMPLES_OUT = os.path.join("src", "test", "resources", "golden", "configs", "nemo-examples")


def run(module, name, text, facts, out=OUT, config=None, keep=lambda s, n: True):
    if config is None:
        config = os.path.join(out, name + ".yaml")
        with open(config, "w") as f:
            f.write("# generated by src/tools/golden/nemo_configs.py (NeMo's prepare_lr_scheduler on this config)\n")
            f.write(text)
    if facts:
        with open(os.path.join(out, name + ".run"), "w") as f:
            f.writelines("%s=%d\n" % kv for kv in facts.items())
    cfg = OmegaConf.load(config)
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=float(cfg.model.optim.lr))
    loader = None
    if "train_ds" in cfg.model:
        dataset = list(range(facts["dataset_size"]))
        loader = torch.utils.data.DataLoader(dataset, batch_size=cfg.model.train_ds.batch_size,
                                             drop_last=bool(cfg.model.train_ds.get("drop_last", False)))
    sched = sched_config(cfg, facts)
    result = module.prepare_lr_scheduler(optimizer, sched, loader)
    scheduler = result["scheduler"]
    max_steps = scheduler.max_steps if hasattr(scheduler, "max_steps") else sched["max_steps"]
    with open(os.path.join(out, name + ".csv"), "w") as f:
        f.write("step,lr\n")
        for s in range(max_steps):
            if keep(s, max_steps):
                f.write("%d,%r\n" % (s, float(optimizer.param_groups[0]["lr"])))
            optimizer.step()
            scheduler.step()


def main():
    module = nemo_schedulers.load(sys.argv[1])
    quiet = types.SimpleNamespace(info=lambda *a, **k: None, warning=lambda *a, **k: None)
    module.logging = quiet
    module.maybe_update_config_version = lambda c: c
    os.makedirs(OUT, exist_ok=True)
    warnings.simplefilter("ignore")
    for name, text, facts in CASES:
        run(module, name, text, facts)
    os.makedirs(EXAMPLES_OUT, exist_ok=True)
    for file, facts in EXAMPLES:
        config = os.path.join("examples", "configs", file)
        warmup = OmegaConf.load(config).model.optim.sched.get("warmup_steps") or 0
        near = lambda s, n: s % 250 == 0 or abs(s - warmup) <= 2 or s >= n - 3
        run(module, file[:-len(".yaml")], None, facts, out=EXAMPLES_OUT, config=config, keep=near)


if __name__ == "__main__":
    main()
