#!/usr/bin/python3
"""Golden data for lrsched's torchtune config format (src/test/resources/golden/configs/torchtune/).

Runs torchtune's own code paths on recipe configs and records the learning rate of every optimizer update:

- the config is loaded with OmegaConf.load, as torchtune's TuneRecipeArgumentParser does;
- the dataloader's length is torch's own: a DistributedSampler (StatefulDistributedSampler subclasses it and keeps
  its length) with num_replicas = the data-parallel degree (1 in the single-device recipes), rank 0, shuffle,
  seed 0, in a DataLoader with the config's batch_size and drop_last=True, over a dataset of dataset_size items;
- the recipe's steps-per-epoch statement (``self._steps_per_epoch = len(self._dataloader) // ...`` and the
  max_steps_per_epoch cap), executed from the recipe's text (recipes/full_finetune_distributed.py and
  recipes/lora_finetune_single_device.py; both must agree);
- ``torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup`` imported unchanged, called as
  _setup_lr_scheduler does (the config's keys, num_training_steps = epochs x steps per epoch, last_epoch = -1);
- the training loop: ``lr_scheduler.step()`` after every optimizer update, steps_per_epoch updates per epoch;
  the LR of update s is read from the optimizer before the update. Without lr_scheduler the recipe keeps the
  optimizer's lr.

Sources (pytorch/torchtune, commit bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1, the newest stored):
torchtune/training/lr_schedulers.py, recipes/full_finetune_distributed.py, recipes/lora_finetune_single_device.py.
Put them in SCRATCH (not in this repository):

    mkdir -p SCRATCH/torchtune/training SCRATCH/recipes
    git -C torchtune show bd2a0fc:torchtune/training/lr_schedulers.py > SCRATCH/torchtune/training/lr_schedulers.py
    git -C torchtune show bd2a0fc:recipes/full_finetune_distributed.py > SCRATCH/recipes/full_finetune_distributed.py
    git -C torchtune show bd2a0fc:recipes/lora_finetune_single_device.py \\
        > SCRATCH/recipes/lora_finetune_single_device.py

The one shim: torchtune.training.memory, imported by lr_schedulers.py only for a type annotation of get_lr
(OptimizerInBackwardWrapper); this script writes it. Needs Debian's torch 1.13 and omegaconf.

Usage: /usr/bin/python3 src/tools/golden/torchtune_configs.py SCRATCH [OUT_DIR]
"""
import importlib
import os
import re
import sys
import textwrap

import torch
from omegaconf import OmegaConf

from timm_configs import write_case  # the same .run and .csv files (this script's folder is on sys.path)

RECIPES = ['recipes/full_finetune_distributed.py', 'recipes/lora_finetune_single_device.py']

LORA = '''\
# Config for single device LoRA finetuning in lora_finetune_single_device.py
output_dir: /tmp/torchtune/llama3_2_1B/lora_single_device
model:
  _component_: torchtune.models.llama3_2.lora_llama3_2_1b
  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']
  apply_lora_to_mlp: True
  lora_rank: 64
  lora_alpha: 128
  lora_dropout: 0.0
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/Llama-3.2-1B-Instruct/original/tokenizer.model
  max_seq_len: null
dataset:
  _component_: torchtune.datasets.alpaca_cleaned_dataset
  packed: False
seed: null
shuffle: True
'''

CASES = {
    # 1000 / 4 = 250 batches; 250 // 8 = 31 updates per epoch (floored: 2 batches a epoch never step)
    'lora_single_device_floored_steps': (LORA + '''\
batch_size: 4
optimizer:
  _component_: torch.optim.AdamW
  fused: True
  weight_decay: 0.01
  lr: 3e-4
lr_scheduler:
  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup
  num_warmup_steps: 10
loss:
  _component_: torchtune.modules.loss.LinearCrossEntropyLoss
epochs: 3
max_steps_per_epoch: null
gradient_accumulation_steps: 8
''', {'dataset_size': 1000}),
    # 8 ranks: ceil(52002 / 8) = 6501 samples a rank, 6501 // 2 = 3250 batches, // 16 = 203 updates
    'full_distributed_ranks': ('''\
output_dir: /tmp/torchtune/llama3_1_8B/full
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/Meta-Llama-3.1-8B-Instruct/original/tokenizer.model
  max_seq_len: null
dataset:
  _component_: torchtune.datasets.alpaca_dataset
  packed: False
seed: null
shuffle: True
model:
  _component_: torchtune.models.llama3_1.llama3_1_8b
batch_size: 2
epochs: 2
optimizer:
  _component_: torch.optim.AdamW
  lr: 2e-5
  fused: True
lr_scheduler:
  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup
  num_warmup_steps: 40
loss:
  _component_: torchtune.modules.loss.LinearCrossEntropyLoss
max_steps_per_epoch: null
gradient_accumulation_steps: 16
''', {'dataset_size': 52002, 'num_devices': 8}),
    # max_steps_per_epoch caps the updates of every epoch, and so num_training_steps
    'max_steps_per_epoch_cap': (LORA + '''\
batch_size: 2
optimizer:
  _component_: torch.optim.AdamW
  lr: 1.0e-4
lr_scheduler:
  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup
  num_warmup_steps: 5
epochs: 3
max_steps_per_epoch: 20
gradient_accumulation_steps: 4
''', {'dataset_size': 500}),
    # a cap above the epoch's updates changes nothing
    'max_steps_per_epoch_above': (LORA + '''\
batch_size: 3
optimizer:
  _component_: torch.optim.SGD
  lr: 0.01
lr_scheduler:
  _component_: torchtune.training.get_cosine_schedule_with_warmup
  num_warmup_steps: 0
epochs: 2
max_steps_per_epoch: 1000
gradient_accumulation_steps: 1
''', {'dataset_size': 100}),
    # num_cycles 0.75: the cosine goes below 0 and is clamped at 0
    'num_cycles_clamped': (LORA + '''\
batch_size: 1
optimizer:
  _component_: torch.optim.AdamW
  lr: 5e-4
lr_scheduler:
  _component_: torchtune.modules.get_cosine_schedule_with_warmup
  num_warmup_steps: 7
  num_cycles: 0.75
epochs: 1
max_steps_per_epoch: null
gradient_accumulation_steps: 2
''', {'dataset_size': 121}),
    # no lr_scheduler (the full-finetune recipes allow it): the optimizer's lr throughout
    'no_scheduler_constant': ('''\
tokenizer:
  _component_: torchtune.models.qwen2_5.qwen2_5_tokenizer
  path: /tmp/Qwen2.5-0.5B-Instruct/vocab.json
model:
  _component_: torchtune.models.qwen2_5.qwen2_5_0_5b
batch_size: 8
optimizer:
  _component_: torch.optim.AdamW
  lr: 2e-5
epochs: 1
max_steps_per_epoch: null
gradient_accumulation_steps: 1
''', {'dataset_size': 50, 'num_devices': 2}),
}


def steps_per_epoch_source(scratch):
    """The recipes' statement, the same text in each."""
    found = []
    for recipe in RECIPES:
        text = open(os.path.join(scratch, recipe)).read()
        m = re.search(r'\n( +self\._steps_per_epoch = \(\n.*?\n +self\._steps_per_epoch = '
                      r'self\.max_steps_per_epoch\n)', text, re.S)
        found.append(textwrap.dedent(m.group(1)))
    assert len(set(found)) == 1, found
    return found[0]


class Recipe:
    pass


def run_case(scratch, source, config_path, facts):
    from torch.utils.data import DataLoader, DistributedSampler

    cfg = OmegaConf.load(config_path)
    dataset = list(range(facts['dataset_size']))
    sampler = DistributedSampler(dataset, num_replicas=facts.get('num_devices', 1), rank=0, shuffle=True, seed=0)
    self = Recipe()
    self._dataloader = DataLoader(dataset=dataset, batch_size=cfg.batch_size, sampler=sampler, drop_last=True)
    self._gradient_accumulation_steps = cfg.gradient_accumulation_steps
    self.max_steps_per_epoch = cfg.max_steps_per_epoch
    self.total_epochs = cfg.epochs
    exec(source, {'self': self})
    steps_per_epoch = self._steps_per_epoch

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=cfg.optimizer.lr)
    scheduler = None
    if cfg.get('lr_scheduler', None) is not None:
        component = cfg.lr_scheduler._component_
        assert component.endswith('get_cosine_schedule_with_warmup'), component
        lr_schedulers = importlib.import_module('torchtune.training.lr_schedulers')
        kwargs = {k: v for k, v in OmegaConf.to_container(cfg.lr_scheduler).items() if k != '_component_'}
        kwargs.update(num_training_steps=self.total_epochs * steps_per_epoch, last_epoch=-1)
        scheduler = lr_schedulers.get_cosine_schedule_with_warmup(optimizer, **kwargs)
    rows = []
    for _ in range(self.total_epochs):
        for _ in range(steps_per_epoch):
            rows.append(optimizer.param_groups[0]['lr'])
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
    return rows


def main():
    scratch = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), '..', '..', 'test', 'resources', 'golden', 'configs', 'torchtune')
    for package in ('torchtune', 'torchtune/training'):
        open(os.path.join(scratch, package, '__init__.py'), 'a').close()
    with open(os.path.join(scratch, 'torchtune', 'training', 'memory.py'), 'w') as f:
        f.write('class OptimizerInBackwardWrapper:  # shim: only a type annotation in lr_schedulers.py\n'
                '    pass\n')
    sys.path.insert(0, scratch)
    source = steps_per_epoch_source(scratch)
    os.makedirs(out, exist_ok=True)
    for name, (config, facts) in CASES.items():
        path = os.path.join(out, name + '.yaml')
        with open(path, 'w') as f:
            f.write(config)
        write_case(out, name, facts, run_case(scratch, source, path, facts))


if __name__ == '__main__':
    main()
