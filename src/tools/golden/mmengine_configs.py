#!/usr/bin/python3
"""Golden curves for lrsched's mmengine config format: real OpenMMLab configs, loaded and stepped as mmengine does.

The configs are the files under src/test/resources/golden/configs/mmengine-examples/ (copied from
open-mmlab/mmdetection and open-mmlab/mmpretrain; each names its origin and commit in its first line).

Loading. mmengine's Config (open-mmlab/mmengine mmengine/config/config.py) needs addict, yapf and most of mmengine,
which cannot be installed here, so its Python-config path is followed with Python's own exec, as _file2dict does it:
the `_base_` files (a path or a list, relative to the file) are loaded first, recursively; two bases defining the same
key is an error; `{{_base_.NAME}}` in the text is replaced by the base's value (Config._pre_substitute_base_vars and
_substitute_base_vars; here with its repr, the same for the literal values it is used for); the file is exec'd and
its top-level names (not starting with "__", no modules or functions) are merged over the bases by
Config._merge_a_into_b: a dict value is merged key by key into the base's dict unless it holds _delete_=True
(popped), anything else (lists included) replaces. The config's files are Python's own: no value is computed by
lrsched.

Stepping. optim_wrapper.optimizer.lr, param_scheduler and train_cfg go through mmengine's own scheduler modules
with the runner's stepping, by the run() of src/tools/golden/mmengine_schedulers.py (the scratch folder, the first
argument, holds mmengine/optim/scheduler/{param_scheduler,lr_scheduler}.py at
254342938d9bde1775c39ea7d5181c5d294026c4, see that script). An EpochBasedTrainLoop runs max_epochs x
len(train_dataloader) iterations; the dataloader's length is the case's choice (lrsched's --run batches_per_epoch).

Writes src/test/resources/golden/configs/mmengine-examples/CASE.csv (update,lr; Python repr, exact).
Run: /usr/bin/python3 src/tools/golden/mmengine_configs.py /tmp/scratch-mmengine
"""
import ast
import os
import re
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mmengine_schedulers  # noqa: E402  (loads mmengine's scheduler modules from the scratch folder)

OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs",
                                    "mmengine-examples"))

# name, config (relative to OUT), len(train_dataloader)
CASES = [
    ("faster_rcnn_1x", "mmdet/configs/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py", 50),
    ("schedule_1x", "mmdet/configs/_base_/schedules/schedule_1x.py", 7),
    ("swin_tiny", "mmpretrain/configs/swin_transformer/swin-tiny_16xb64_in1k.py", 5),
    ("convnext_style_delete", "mmdet/configs/convnext/convnext-style-3x-delete.py", 40),
]


def bases_of(path, text):
    for node in ast.parse(text, path).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_base_" for t in node.targets):
            value = ast.literal_eval(node.value)
            return [value] if isinstance(value, str) else list(value)
    return []


def merge_a_into_b(a, b):
    b = b.copy()
    for k, v in a.items():
        if isinstance(v, dict):
            if k in b and not v.pop("_delete_", False):
                if not isinstance(b[k], dict):
                    raise TypeError("%s=%s in child config cannot inherit from base because %s is a dict in the "
                                    "child config but is of type %s in base config." % (k, v, k, type(b[k])))
                b[k] = merge_a_into_b(v, b[k])
            else:
                b[k] = v
        else:
            b[k] = v
    return b


def lookup(cfg, dotted):
    v = cfg
    for part in dotted.split("."):
        v = v[part]
    return v


def load(path):
    with open(path) as f:
        text = f.read()
    base = {}
    for rel in bases_of(path, text):
        loaded = load(os.path.join(os.path.dirname(path), rel))
        duplicate = set(base) & set(loaded)
        if duplicate:
            raise KeyError("Duplicate key is not allowed among bases. Duplicate keys: %s" % duplicate)
        base.update(loaded)
    text = re.sub(r"\{\{\s*_base_\.([\w\.]+)\s*\}\}", lambda m: repr(lookup(base, m.group(1))), text)
    namespace = {}
    exec(compile(text, path, "exec"), namespace)
    own = {k: v for k, v in namespace.items() if not k.startswith("__") and k != "_base_"
           and not isinstance(v, (types.ModuleType, types.FunctionType, type))}
    return merge_a_into_b(own, base)


def main():
    for name, config, epoch_length in CASES:
        cfg = load(os.path.join(OUT, config))
        lr = cfg["optim_wrapper"]["optimizer"]["lr"]
        entries = cfg["param_scheduler"]
        entries = [entries] if isinstance(entries, dict) else list(entries)
        train = cfg["train_cfg"]
        by_epoch = train.get("type", "EpochBasedTrainLoop" if train.get("by_epoch") else "IterBasedTrainLoop") \
            == "EpochBasedTrainLoop"
        if by_epoch:
            max_epochs = train["max_epochs"]
            max_iters = max_epochs * epoch_length
        else:
            max_epochs = 1
            max_iters = train["max_iters"]
        rows, raised = mmengine_schedulers.run(lr, entries, max_iters, epoch_length=epoch_length,
                                               max_epochs=max_epochs, max_iters=max_iters)
        assert raised is None
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write("update,lr\n")
            for s, v in enumerate(rows):
                f.write("%d,%r\n" % (s, v))
        print(name, config, "lr", lr, len(rows), "rows", entries)


if __name__ == "__main__":
    main()
