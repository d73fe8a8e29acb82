#!/usr/bin/python3
"""Golden data for lrsched's timm config format (src/test/resources/golden/configs/timm/).

Runs timm's own code paths on args.yaml-style configs and records the learning rate the optimizer holds at every
update of the run, as train.py drives the scheduler:

- train.py's argument parser (its text, from ``config_parser = parser = argparse`` up to ``def _parse_args``) and
  ``_parse_args``: a config given with ``-c`` sets the parser's defaults, exactly how args.yaml is read back;
- train.py's ``if not args.lr:`` block (lr from lr_base, the global batch and the optimizer name) and its
  ``updates_per_epoch`` line, both executed from train.py's text;
- timm.scheduler's ``create_scheduler_v2(**scheduler_kwargs(args), updates_per_epoch=...)``, imported unchanged;
- the training loop's calls, as train.py makes them: ``step_update(num_updates)`` after every optimizer update
  (``num_updates`` counts from ``epoch * updates_per_epoch``), ``step(epoch + 1)`` after every epoch, over
  ``range(num_epochs)`` with the num_epochs create_scheduler_v2 returns; the LR of update s is read from the
  optimizer's param group before the update.

Sources (huggingface/pytorch-image-models, commit aa4b5850c1543fa488abf260f18390eda46cf85d, the newest stored):
train.py and timm/scheduler/{__init__,scheduler,cosine_lr,tanh_lr,poly_lr,step_lr,multistep_lr,plateau_lr,
scheduler_factory}.py. Put them in SCRATCH (not in this repository):

    mkdir -p SCRATCH/timm/scheduler && touch SCRATCH/timm/__init__.py
    git -C pytorch-image-models show aa4b585:train.py > SCRATCH/train.py
    for f in __init__ scheduler cosine_lr tanh_lr poly_lr step_lr multistep_lr plateau_lr scheduler_factory; do
      git -C pytorch-image-models show aa4b585:timm/scheduler/$f.py > SCRATCH/timm/scheduler/$f.py; done

Only torch is needed (Debian's torch 1.13). train.py's heavy imports are not executed: only the parser text and
the two arithmetic snippets are, with ``utils`` shimmed to what they call (ParseKwargs, is_primary).

Usage: /usr/bin/python3 src/tools/golden/timm_configs.py SCRATCH [OUT_DIR]
"""
import argparse
import logging
import os
import re
import sys
import textwrap

import yaml

CASES = {
    # lr: null -> lr_base x global batch / lr_base_size, linear for sgd; epoch stepping; warmup; cooldown
    'cosine_lr_from_base': ({
        'model': 'resnet50', 'sched': 'cosine', 'opt': 'sgd', 'lr': None, 'lr_base': 0.1, 'lr_base_size': 256,
        'batch_size': 64, 'grad_accum_steps': 2, 'epochs': 20, 'warmup_epochs': 3, 'warmup_lr': 1e-4,
        'cooldown_epochs': 2, 'min_lr': 1e-5}, {'batches_per_epoch': 25, 'num_devices': 4}),
    # sched_on_updates: epoch quantities times updates per epoch; warmup_prefix adds the warmup to the run
    'cosine_on_updates_prefix': ({
        'model': 'vit_small_patch16_224', 'sched': 'cosine', 'sched_on_updates': True, 'opt': 'adamw',
        'lr': 5e-4, 'batch_size': 32, 'grad_accum_steps': 3, 'epochs': 10, 'warmup_epochs': 2,
        'warmup_prefix': True, 'warmup_lr': 1e-6, 'cooldown_epochs': 1, 'min_lr': 1e-6},
        {'batches_per_epoch': 17}),
    # lamb: sqrt scaling; two cycles, each twice as long and half as high: the run covers both
    'cosine_lamb_sqrt_cycles': ({
        'model': 'resnet18', 'sched': 'cosine', 'opt': 'lamb', 'lr': None, 'lr_base': 5e-3,
        'lr_base_size': 4096, 'lr_base_scale': '', 'batch_size': 256, 'grad_accum_steps': 1, 'epochs': 6,
        'warmup_epochs': 1, 'warmup_lr': 1e-5, 'lr_cycle_mul': 2.0, 'lr_cycle_decay': 0.5, 'lr_cycle_limit': 2,
        'min_lr': 1e-6}, {'batches_per_epoch': 9, 'num_devices': 8}),
    # lr: 0 counts as unset (train.py tests 'not args.lr'); 'adamw' contains 'ada': sqrt scaling
    'cosine_lr_zero_adamw_sqrt': ({
        'model': 'deit_tiny_patch16_224', 'sched': 'cosine', 'opt': 'adamw', 'lr': 0.0, 'lr_base': 1e-3,
        'lr_base_size': 512, 'batch_size': 96, 'grad_accum_steps': 1, 'epochs': 8, 'warmup_epochs': 2,
        'sched_on_updates': True}, {'batches_per_epoch': 7, 'num_devices': 3}),
    # an explicit lr_base_scale wins over the optimizer's name
    'cosine_lr_base_scale_linear_adam': ({
        'model': 'resnet26', 'sched': 'cosine', 'opt': 'adam', 'lr': None, 'lr_base': 1e-3,
        'lr_base_scale': 'linear', 'batch_size': 128, 'epochs': 5, 'warmup_epochs': 1},
        {'batches_per_epoch': 6, 'num_devices': 2}),
    # poly: decay_rate is the power; train.py's default decay_rate 0.1 makes it a power of 0.1
    'poly_default_decay_rate_power': ({
        'model': 'resnet34', 'sched': 'poly', 'opt': 'sgd', 'lr': 0.4, 'epochs': 12, 'warmup_epochs': 2,
        'warmup_lr': 0.01, 'sched_on_updates': True}, {'batches_per_epoch': 5}),
    'poly_power_2_k_decay': ({
        'model': 'resnet34', 'sched': 'poly', 'opt': 'sgd', 'lr': 0.4, 'decay_rate': 2.0, 'lr_k_decay': 0.5,
        'epochs': 10, 'warmup_epochs': 0, 'cooldown_epochs': 3, 'min_lr': 0.001}, {'batches_per_epoch': 4}),
    # tanh without warmup: epoch 0 runs at the constructor's lr, not _get_lr(0)
    'tanh_no_warmup_first_epoch': ({
        'model': 'efficientnet_b0', 'sched': 'tanh', 'opt': 'rmsproptf', 'lr': 0.048, 'epochs': 15,
        'warmup_epochs': 0, 'min_lr': 1e-5}, {'batches_per_epoch': 3}),
    'tanh_on_updates_cycles': ({
        'model': 'efficientnet_b0', 'sched': 'tanh', 'opt': 'sgd', 'lr': 0.1, 'epochs': 4, 'warmup_epochs': 1,
        'lr_cycle_limit': 2, 'lr_cycle_mul': 1.5, 'sched_on_updates': True, 'warmup_lr': 0.001},
        {'batches_per_epoch': 10}),
    # step: decay_epochs is a float; on updates it is multiplied by the updates per epoch
    'step_float_decay_epochs_on_updates': ({
        'model': 'mobilenetv3_large_100', 'sched': 'step', 'opt': 'rmsproptf', 'lr': 0.064, 'epochs': 12,
        'decay_epochs': 2.4, 'decay_rate': 0.973, 'warmup_epochs': 3, 'warmup_lr': 1e-6,
        'sched_on_updates': True, 'grad_accum_steps': 2}, {'batches_per_epoch': 9}),
    'step_warmup_prefix_epochs': ({
        'model': 'resnet50', 'sched': 'step', 'opt': 'sgd', 'lr': 0.1, 'epochs': 9, 'decay_epochs': 3,
        'decay_rate': 0.1, 'warmup_epochs': 2, 'warmup_prefix': True}, {'batches_per_epoch': 4}),
    # multistep: a milestone of 1 already applies at epoch 0 in _get_lr, but epoch 0 runs at the constructor's lr
    'multistep_milestone_one_no_warmup': ({
        'model': 'resnet50', 'sched': 'multistep', 'opt': 'sgd', 'lr': 0.1, 'epochs': 10,
        'decay_milestones': [1, 5, 8], 'decay_rate': 0.5, 'warmup_epochs': 0}, {'batches_per_epoch': 3}),
    'multistep_on_updates_prefix': ({
        'model': 'resnet50', 'sched': 'multistep', 'opt': 'sgd', 'lr': 0.2, 'epochs': 6,
        'decay_milestones': [2, 4], 'decay_rate': 0.1, 'warmup_epochs': 1, 'warmup_prefix': True,
        'sched_on_updates': True}, {'batches_per_epoch': 5}),
    # a short -c config: everything else is train.py's default (cosine, warmup 5 epochs from 1e-5, lr_base 0.1
    # for a global batch of 128)
    'minimal_c_config_defaults': ({
        'model': 'resnet10t', 'sched': 'cosine', 'epochs': 8}, {'batches_per_epoch': 2, 'num_devices': 1}),
    # shrinking cycles: get_cycle_length floors the geometric sum
    # an args.yaml as train.py writes it (every argument; 'full_args_yaml' marks the case): written from
    # _parse_args's args_text for this -c config, then read back with -c like any config
    'full_args_yaml': ({
        'model': 'convnext_tiny', 'sched': 'cosine', 'opt': 'adamw', 'lr': None, 'lr_base': 4e-3,
        'lr_base_size': 1024, 'batch_size': 64, 'grad_accum_steps': 2, 'epochs': 6, 'warmup_epochs': 1,
        'sched_on_updates': True, 'min_lr': 1e-6}, {'batches_per_epoch': 11, 'num_devices': 2}),
    'cosine_cycle_mul_below_one': ({
        'model': 'resnet18', 'sched': 'cosine', 'opt': 'sgd', 'lr': 0.05, 'epochs': 10, 'warmup_epochs': 0,
        'lr_cycle_mul': 0.5, 'lr_cycle_limit': 3, 'lr_cycle_decay': 0.8}, {'batches_per_epoch': 2}),
}


class _Utils:
    """What train.py's parser text and lr block call on timm.utils."""

    class ParseKwargs(argparse.Action):
        def __call__(self, parser, namespace, values, option_string=None):
            setattr(namespace, self.dest, dict(v.split('=', 1) for v in values))

    @staticmethod
    def is_primary(args):
        return True


def _between(text, start, end):
    i = text.index(start)
    j = text.index(end, i)
    return text[i:j]


def load_train_py(scratch):
    text = open(os.path.join(scratch, 'train.py')).read()
    parser_src = _between(text, 'config_parser = parser = argparse', '\ndef _parse_args')
    parse_src = _between(text, 'def _parse_args', '\ndef _set_loader_epoch')
    lr_src = textwrap.dedent(_between(text, '    if not args.lr:\n', '\n    loader_eval = None'))
    upe_src = re.search(r'\n    (updates_per_epoch = \(len\(loader_train\)[^\n]*)', text).group(1)
    env = {'argparse': argparse, 'utils': _Utils, 'yaml': yaml, 'has_compile': True, 'has_functorch': False}
    exec(parser_src, env)
    exec(parse_src, env)
    return env, lr_src, upe_src


def parse_args(env, config_path):
    """train.py's _parse_args for 'train.py -c config_path': (args, args_text)."""
    saved = sys.argv
    sys.argv = ['train.py', '-c', config_path]
    try:
        return env['_parse_args']()
    finally:
        sys.argv = saved


def run_case(env, lr_src, upe_src, config_path, facts):
    from timm.scheduler import create_scheduler_v2, scheduler_kwargs
    import torch

    args, _ = parse_args(env, config_path)
    # main(): grad_accum_steps clamped; world size from the distributed setup
    args.grad_accum_steps = max(1, args.grad_accum_steps)
    args.world_size = facts.get('num_devices', 1)
    batch_size_reference = float(args.batch_size)
    exec(lr_src, {'args': args, 'batch_size_reference': batch_size_reference, 'utils': _Utils,
                  '_logger': logging.getLogger('train')})
    loader_train = range(facts['batches_per_epoch'])
    scope = {'args': args, 'loader_train': loader_train}
    exec(upe_src, scope)
    updates_per_epoch = scope['updates_per_epoch']

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=args.lr)
    lr_scheduler, num_epochs = create_scheduler_v2(
        optimizer, **scheduler_kwargs(args, decreasing_metric=False), updates_per_epoch=updates_per_epoch)
    rows = []
    for epoch in range(0, num_epochs):
        num_updates = epoch * updates_per_epoch
        for _ in range(updates_per_epoch):
            rows.append(optimizer.param_groups[0]['lr'])
            num_updates += 1
            lr_scheduler.step_update(num_updates=num_updates, metric=0.0)
        lr_scheduler.step(epoch + 1, 0.0)
    return rows


def main():
    scratch = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), '..', '..', 'test', 'resources', 'golden', 'configs', 'timm')
    sys.path.insert(0, scratch)
    os.makedirs(out, exist_ok=True)
    for name, (config, facts) in CASES.items():
        path = os.path.join(out, name + '.yaml')
        with open(path, 'w') as f:
            f.write('# timm train.py config (-c / args.yaml); golden case of src/tools/golden/timm_configs.py\n')
            yaml.safe_dump(config, f, default_flow_style=False, sort_keys=False)
        if name == 'full_args_yaml':
            _, args_text = parse_args(load_train_py(scratch)[0], path)
            with open(path, 'w') as f:
                f.write(args_text)
        # a fresh parser per case: _parse_args sets the config as the parser's defaults
        env, lr_src, upe_src = load_train_py(scratch)
        write_case(out, name, facts, run_case(env, lr_src, upe_src, path, facts))


def write_case(out, name, facts, rows):
    """CASE.run (the --run facts) and CASE.csv (step,lr for every update), as ConfigGolden reads them."""
    with open(os.path.join(out, name + '.run'), 'w') as f:
        for k, v in facts.items():
            f.write('%s=%d\n' % (k, v))
    with open(os.path.join(out, name + '.csv'), 'w') as f:
        f.write('step,lr\n')
        for s, lr in enumerate(rows):
            f.write('%d,%r\n' % (s, lr))
    print(name, len(rows))


if __name__ == '__main__':
    main()
