#!/usr/bin/python3
"""Golden data for lrsched's fastai.* types, made by fastai's own ParamScheduler and training-loop callbacks.

fastai is not installable here, so its modules are used unchanged from a scratch folder outside the repository, the
first argument (default /tmp/scratch-fastai), holding

  fastai/callback/schedule.py  fastai/fastai fastai/callback/schedule.py@0a049e8a90b86d70860f68072698245a1ee787ca
                               (combine_scheds, combined_cos, SchedCos, ParamScheduler, fit_one_cycle,
                               fit_flat_cos, fit_sgdr, fine_tune)
  fastai/callback/core.py      fastai/fastai fastai/callback/core.py@aed484feccef87aedc23db616cce023f3e35ba88
                               (Callback, TrainEvalCallback: train_iter, pct_train)
  fastai/optimizer.py          fastai/fastai fastai/optimizer.py@dacb7b05c5a7585a79071d1d560d049868c4e037
                               (Optimizer.set_hyper: slices, even_mults; freeze_to; SGD)
  fastcore/                    fastai/fastcore fastcore/ (the package)@37de43ddf03cf53bc6548a6be2b9bdf5e931d866

Shimmed (no arithmetic of fastai's is replaced): fastai.torch_basics gives fastcore.all, torch, numpy and fastai's
`tensor` (fastai/torch_core.py@917603737cbd5c438ce90d9b96385d6556835c2c: a list or number through torch.tensor, an
L through np.array and torch.as_tensor, then float64 -> float32 with .float(); combine_scheds' `tensor([0] +
L(pcts))` takes the L path); fastai.data.all, fastai.losses give empty classes; fastai.basics adds a Learner that
is fastai/learner.py@5bc369c27846819edb825253fbb7bec0213cc2cb's training loop without data handling: fit ->
before_fit, per epoch before_epoch, before_train, per batch (all_batches sets n_iter = len(dl)) before_batch,
after_pred, after_loss, before_backward, backward, before_step, opt.step, after_step, after_batch; then after_train
and a validation pass of one batch; freeze/unfreeze as learner.py's freeze_to (opt.freeze_to, opt.clear_state).
The model has one Linear(1, 1) per parameter group; create_opt is fastai's (opt_func(splitter(model), lr=lr)) with
fastai's SGD. Learner's defaults: lr=defaults.lr=1e-3, moms=(0.95,0.85,0.95).

Row s is the s-th training batch of the whole call (fine_tune: the freeze phase, then the unfreeze phase), the
value hypers[param_group]['lr'] read in before_step (after ParamScheduler.before_batch set it).

Writes src/test/resources/golden/fastai/CASE.yaml (lrsched spec), CASE.csv (step,CASE; Python repr, exact) or
CASE.error (the parameter lrsched must name, and fastai's exception), deleting the other files it owns there.
Run: /usr/bin/python3 src/tools/golden/fastai_schedules.py /tmp/scratch-fastai
"""
import glob
import importlib.util
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "fastai"))
SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-fastai"
SOURCE = "fastai/fastai fastai/callback/schedule.py@0a049e8a90b86d70860f68072698245a1ee787ca, " \
         "fastai/callback/core.py@aed484feccef87aedc23db616cce023f3e35ba88, " \
         "fastai/optimizer.py@dacb7b05c5a7585a79071d1d560d049868c4e037"

sys.path.insert(0, SCRATCH)  # fastcore, unchanged

import numbers  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from contextlib import contextmanager  # noqa: E402


def module(name, path=None, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    if path is not None:
        m.__path__ = [path]
    sys.modules[name] = m
    return m


def load_file(name, relative):
    spec = importlib.util.spec_from_file_location(name, os.path.join(SCRATCH, relative))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def fastai_tensor(x, *rest, **kwargs):
    """fastai.torch_core.tensor's dispatch (see the docstring), without its pandas branch."""
    if len(rest):
        x = (x,) + rest
    res = (x if isinstance(x, torch.Tensor)
           else torch.tensor(x, **kwargs) if isinstance(x, (tuple, list, numbers.Number))
           else torch.as_tensor(x, **kwargs) if isinstance(x, np.ndarray)
           else torch.as_tensor(np.array(x), **kwargs))
    if res.dtype is torch.float64:
        return res.float()
    return res


def load():
    import fastcore.all as fc
    base = {k: v for k, v in vars(fc).items() if not k.startswith("__")}
    base.update(torch=torch, np=np, nn=torch.nn, Tensor=torch.Tensor, F=torch.nn.functional,
                tensor=fastai_tensor, default_device=lambda use=-1: torch.device("cpu"), array=np.array,
                ndarray=np.ndarray, MutableSequence=list)
    from collections import defaultdict
    base["defaultdict"] = defaultdict
    module("fastai", os.path.join(SCRATCH, "fastai"))
    module("fastai.callback", os.path.join(SCRATCH, "fastai", "callback"))
    module("fastai.torch_basics", **base)
    module("fastai.data", None)
    module("fastai.data.all", DataLoader=type("DataLoader", (), {}), **base)
    module("fastai.losses", BaseLoss=type("BaseLoss", (), {}))
    optimizer = load_file("fastai.optimizer", "fastai/optimizer.py")
    core = load_file("fastai.callback.core", "fastai/callback/core.py")
    names = dict(base)
    names.update({k: v for k, v in vars(optimizer).items() if not k.startswith("__")})
    names.update({k: v for k, v in vars(core).items() if not k.startswith("__")})
    import collections
    names.update(Learner=make_learner(names), Recorder=type("Recorder", (), {}), plt=None, collections=collections,
                 os=os, math=__import__("math"), functools=__import__("functools"))
    module("fastai.basics", **names)
    return load_file("fastai.callback.schedule", "fastai/callback/schedule.py"), names


def make_learner(f):
    L, GetAttr = f["L"], f["GetAttr"]

    class Dls:
        device = torch.device("cpu")

        def __init__(self, train, valid):
            self.train, self.valid = train, valid

        def __getitem__(self, i):
            return (self.train, self.valid)[i]

    class Learner(GetAttr):
        """fastai/learner.py's Learner loop (see the module docstring), on a toy model of n_groups Linear(1, 1)."""
        _default = 'model'

        def __init__(self, n_groups, batches_per_epoch, lr=1e-3, moms=(0.95, 0.85, 0.95)):
            torch.manual_seed(0)
            self.model = torch.nn.Sequential(*[torch.nn.Linear(1, 1) for _ in range(n_groups)])
            batch = (torch.ones(2, 1), torch.zeros(2, 1))
            self.dls = Dls([batch] * batches_per_epoch, [batch])
            self.loss_func = torch.nn.MSELoss()
            self.opt_func, self.lr, self.moms, self.wd = f["SGD"], lr, moms, None
            self.splitter = lambda m: [list(layer.parameters()) for layer in m]
            self.training, self.opt, self.cbs = False, None, L()
            self.add_cbs(L(f["defaults"].callbacks))
            self("after_create")
            self.rows = []

        def add_cbs(self, cbs):
            L(cbs).map(self.add_cb)
            return self

        def remove_cbs(self, cbs):
            L(cbs).map(self.remove_cb)
            return self

        def add_cb(self, cb):
            if isinstance(cb, type):
                cb = cb()
            cb.learn = self
            setattr(self, cb.name, cb)
            self.cbs.append(cb)
            return self

        def remove_cb(self, cb):
            cb.learn = None
            if hasattr(self, cb.name):
                delattr(self, cb.name)
            if cb in self.cbs:
                self.cbs.remove(cb)
            return self

        @contextmanager
        def added_cbs(self, cbs):
            self.add_cbs(cbs)
            try:
                yield
            finally:
                self.remove_cbs(cbs)

        def __call__(self, event_name):
            L(event_name).map(self._call_one)

        def _call_one(self, event_name):
            for cb in self.cbs.sorted('order'):
                cb(event_name)

        def create_opt(self):
            self.opt = self.opt_func(self.splitter(self.model), lr=self.lr)

        def _with_events(self, fn, event_type, ex, final=lambda: None):
            try:
                self(f'before_{event_type}')
                fn()
            except ex:
                self(f'after_cancel_{event_type}')
            self(f'after_{event_type}')
            final()

        def all_batches(self):
            self.n_iter = len(self.dl)
            for o in enumerate(self.dl):
                self.one_batch(*o)

        def _do_one_batch(self):
            self.pred = self.model(*self.xb)
            self('after_pred')
            self.loss_grad = self.loss_func(self.pred, *self.yb)
            self.loss = self.loss_grad.clone()
            self('after_loss')
            if not self.training or not len(self.yb):
                return
            self('before_backward')
            self.loss_grad.backward()
            self._with_events(self._step, 'step', f["CancelStepException"])
            self.opt.zero_grad()

        def _step(self):
            self.rows.append([h['lr'] for h in self.opt.hypers])  # what opt.step uses for this batch
            self.opt.step()

        def one_batch(self, i, b):
            self.iter = i
            self.xb, self.yb = b[:1], b[1:]
            self._with_events(self._do_one_batch, 'batch', f["CancelBatchException"])

        def _do_epoch_train(self):
            self.dl = self.dls.train
            self._with_events(self.all_batches, 'train', f["CancelTrainException"])

        def _do_epoch_validate(self):
            self.dl = self.dls.valid
            with torch.no_grad():
                self._with_events(self.all_batches, 'validate', f["CancelValidException"])

        def _do_epoch(self):
            self._do_epoch_train()
            self._do_epoch_validate()

        def _do_fit(self):
            for epoch in range(self.n_epoch):
                self.epoch = epoch
                self._with_events(self._do_epoch, 'epoch', f["CancelEpochException"])

        def fit(self, n_epoch, lr=None, wd=None, cbs=None, reset_opt=False):
            with self.added_cbs(cbs):
                if reset_opt or not self.opt:
                    self.create_opt()
                if wd is None:
                    wd = self.wd
                if wd is not None:
                    self.opt.set_hypers(wd=wd)
                self.opt.set_hypers(lr=self.lr if lr is None else lr)
                self.n_epoch = n_epoch
                self._with_events(self._do_fit, 'fit', f["CancelFitException"])

        # learner.py's @patch freeze_to / freeze / unfreeze
        def freeze_to(self, n):
            if self.opt is None:
                self.create_opt()
            self.opt.freeze_to(n)
            self.opt.clear_state()

        def freeze(self):
            self.freeze_to(-1)

        def unfreeze(self):
            self.freeze_to(0)

    return Learner


SCHEDULE, NAMES = load()

CASES = []
# lrsched parameters that are not fastai arguments of the call
HARNESS = ("batches_per_epoch", "param_groups", "param_group")


def case(name, note, method, **args):
    CASES.append((name, note, method, args))


# fit_one_cycle(n_epoch, lr_max=None, div=25., div_final=1e5, pct_start=0.25)
case("one_cycle_defaults", "fit_one_cycle's defaults: lr_max = the learner's lr 1e-3", "fit_one_cycle",
     n_epoch=3, batches_per_epoch=10)
case("one_cycle_odd", "odd sizes: positions in float32, progress reset to epoch / n_epoch", "fit_one_cycle",
     n_epoch=5, lr_max=0.01, batches_per_epoch=97)
case("one_cycle_one_batch", "one batch per epoch: row e has pos e / n_epoch", "fit_one_cycle",
     n_epoch=7, lr_max=0.1, batches_per_epoch=1)
case("one_cycle_pct0", "pct_start 0: the cosine down from lr_max at once", "fit_one_cycle",
     n_epoch=2, lr_max=0.003, pct_start=0.0, batches_per_epoch=9)
case("one_cycle_pct1", "pct_start 1: warmup only, lr_max never reached", "fit_one_cycle",
     n_epoch=2, lr_max=0.003, pct_start=1.0, batches_per_epoch=9)
case("one_cycle_custom", "div, div_final, pct_start 0.3 over 3 x 333 batches", "fit_one_cycle",
     n_epoch=3, lr_max=0.02, div=10.0, div_final=1e4, pct_start=0.3, batches_per_epoch=333)
case("one_cycle_long", "a longer run: the float64 progress sum over 1237 batches an epoch", "fit_one_cycle",
     n_epoch=4, lr_max=0.005, pct_start=0.2, batches_per_epoch=1237)
case("one_cycle_tiny_pct", "pct_start 0.001: the warmup shorter than a batch", "fit_one_cycle",
     n_epoch=1, lr_max=0.01, pct_start=0.001, batches_per_epoch=50)

# fit_flat_cos(n_epoch, lr=None, div_final=1e5, pct_start=0.75)
case("flat_cos_defaults", "fit_flat_cos's defaults: lr 1e-3 flat for 75%, then cosine to lr / 1e5", "fit_flat_cos",
     n_epoch=4, batches_per_epoch=25)
case("flat_cos_custom", "fit_flat_cos with lr, pct_start 0.5, div_final 100", "fit_flat_cos",
     n_epoch=3, lr=0.02, pct_start=0.5, div_final=100.0, batches_per_epoch=77)

# fit_sgdr(n_cycles, cycle_len, lr_max=None, cycle_mult=2)
case("sgdr_one_cycle", "one cycle: a cosine from lr_max to 0 over cycle_len epochs", "fit_sgdr",
     n_cycles=1, cycle_len=3, lr_max=0.01, batches_per_epoch=11)
case("sgdr_two_cycles", "cycles of 1 and 2 epochs (cycle_mult 2 by default), lr_max default 1e-3", "fit_sgdr",
     n_cycles=2, cycle_len=1, batches_per_epoch=12)
case("sgdr_three_cycles", "cycles of 1, 2, 4 epochs: pcts 1/7, 2/7, 4/7 in float32", "fit_sgdr",
     n_cycles=3, cycle_len=1, lr_max=0.05, batches_per_epoch=13)
case("sgdr_mult3", "cycle_mult 3, cycle_len 2: cycles of 2, 6, 18 epochs", "fit_sgdr",
     n_cycles=3, cycle_len=2, cycle_mult=3, lr_max=0.1, batches_per_epoch=5)
case("one_cycle_pct_above_1", "pct_start 1.5: combine_scheds asserts every pct >= 0", "fit_one_cycle",
     n_epoch=1, pct_start=1.5, batches_per_epoch=4)
case("sgdr_five_cycles", "cycles of 1, 3, 9, 27, 81 epochs: torch.cumsum adds the float32 pcts in float64",
     "fit_sgdr", n_cycles=5, cycle_len=1, cycle_mult=3, lr_max=0.01, batches_per_epoch=2)
case("sgdr_mult1", "cycle_mult 1 divides by cycle_mult - 1 = 0", "fit_sgdr",
     n_cycles=2, cycle_len=1, cycle_mult=1, lr_max=0.1, batches_per_epoch=5)

# fine_tune(epochs, base_lr=2e-3, freeze_epochs=1, lr_mult=100, pct_start=0.3, div=5.0, **kwargs)
case("fine_tune_defaults", "fine_tune's defaults, the head group (last of 3): base_lr then base_lr / 2",
     "fine_tune", epochs=3, batches_per_epoch=20, param_groups=3)
case("fine_tune_body", "fine_tune, the first of 3 groups: base_lr / 10 frozen, then base_lr / 2 / lr_mult",
     "fine_tune", epochs=2, batches_per_epoch=15, param_groups=3, param_group=0)
case("fine_tune_middle", "fine_tune, the middle of 4 groups: even_mults between the two",
     "fine_tune", epochs=2, base_lr=0.01, freeze_epochs=2, lr_mult=50, pct_start=0.25, div=10.0, div_final=1e4,
     batches_per_epoch=7, param_groups=4, param_group=1)
case("fine_tune_two_groups", "fine_tune with 2 groups (body, head): the head", "fine_tune",
     epochs=1, batches_per_epoch=33, param_groups=2)
case("fine_tune_one_group", "fine_tune with one parameter group: freeze_to(-1) freezes nothing; base_lr, then "
     "even_mults(.., n=1) = base_lr / 2", "fine_tune", epochs=1, batches_per_epoch=3, param_groups=1)


def run(method, args):
    fastai_args = {k: v for k, v in args.items() if k not in HARNESS}
    learn = NAMES["Learner"](args.get("param_groups", 1), args["batches_per_epoch"])
    try:
        getattr(learn, method)(**fastai_args)
    except Exception as e:  # noqa: BLE001 - the library's refusal is the expected result
        return None, e
    group = args.get("param_group", -1)
    return [row[group] for row in learn.rows], None


PARAM_OF_ERROR = {"sgdr_mult1": "cycle_mult", "one_cycle_pct_above_1": "pct_start"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*")):
        os.remove(old)
    readme = ["# fastai golden cases", "",
              "Made by src/tools/golden/fastai_schedules.py from " + SOURCE + ", driven by fastai's training-loop "
              "callbacks. One case per line: name, what it shows.", ""]
    for name, note, method, args in CASES:
        rows, error = run(method, args)
        spec = ["# generated by src/tools/golden/fastai_schedules.py from fastai's own code:", "# " + SOURCE,
                "# " + note]
        if rows is not None:
            spec.append("steps: %d" % len(rows))
        spec += ["schedules:", "  - name: " + name, "    type: fastai." + method]
        spec += ["    %s: %r" % (k, v) for k, v in args.items()]
        with open(os.path.join(OUT, name + ".yaml"), "w") as out:
            out.write("\n".join(spec) + "\n")
        if error is not None:
            message = type(error).__name__ + (": " + str(error) if str(error) else "")
            with open(os.path.join(OUT, name + ".error"), "w") as out:
                out.write("param: %s\nmessage: %s\n" % (PARAM_OF_ERROR[name], message))
        else:
            with open(os.path.join(OUT, name + ".csv"), "w") as out:
                out.write("step,%s\n" % name)
                for s, v in enumerate(rows):
                    out.write("%d,%r\n" % (s, float(v)))
        readme.append("- %s: %s" % (name, note))
        print(name, "error: " + repr(error) if error is not None else "%d rows" % len(rows))
    with open(os.path.join(OUT, "README.md"), "w") as out:
        out.write("\n".join(readme) + "\n")


if __name__ == "__main__":
    main()
