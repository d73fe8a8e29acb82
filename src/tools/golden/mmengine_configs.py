#!/usr/bin/python3
"""Golden curves for lrsched's mmengine config format: real OpenMMLab configs, loaded and stepped as mmengine does.

The configs are the files under src/test/resources/golden/configs/mmengine-examples/ (copied from
open-mmlab/mmdetection and open-mmlab/mmpretrain; each names its origin and commit in its first line).

Loading. mmengine's own Config.fromfile(path, import_custom_modules=False) loads each config (its _base_ files,
_delete_, {{_base_.x}}, lists replaced). Its modules are used unchanged from a scratch folder outside the
repository, the second argument (default /tmp/scratch-pysyntax/mmengine-config), holding

  config/config.py, config/utils.py, config/lazy.py      open-mmlab/mmengine mmengine/config/
  utils/misc.py, path.py, package_utils.py, version_utils.py   open-mmlab/mmengine mmengine/utils/
                                                          (all at 254342938d9bde1775c39ea7d5181c5d294026c4)
  addict.py                                               mewwts/addict addict/addict.py at
                                                          75284f9593dfb929cadd900aff9e35e7c7aec54b

and loaded as the packages mmengine.config and mmengine.utils. Shimmed, because they are not installed and only
touch what is not used here: rich.console.Console and rich.text.Text (pretty printing), packaging.version.parse
(version checks), mmengine.fileio load/dump (JSON and YAML configs), mmengine.logging.print_log (a no-op). The
config values are plain Python from the files: no value is computed by lrsched.

Stepping. optim_wrapper.optimizer.lr, param_scheduler and train_cfg go through mmengine's own scheduler modules
with the runner's stepping, by the run() of src/tools/golden/mmengine_schedulers.py (the scratch folder, the first
argument, holds mmengine/optim/scheduler/{param_scheduler,lr_scheduler}.py at
254342938d9bde1775c39ea7d5181c5d294026c4, see that script). An EpochBasedTrainLoop runs max_epochs x
len(train_dataloader) iterations; the dataloader's length is the case's choice (lrsched's --run batches_per_epoch).

Writes src/test/resources/golden/configs/mmengine-examples/CASE.csv (update,lr; Python repr, exact).
Run: /usr/bin/python3 src/tools/golden/mmengine_configs.py /tmp/scratch-mmengine /tmp/scratch-pysyntax/mmengine-config
"""
import importlib.util
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mmengine_schedulers  # noqa: E402  (loads mmengine's scheduler modules from the scratch folder)

CONFIG = sys.argv[2] if len(sys.argv) > 2 else "/tmp/scratch-pysyntax/mmengine-config"
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs",
                                    "mmengine-examples"))

# name, config (relative to OUT), len(train_dataloader)
CASES = [
    ("faster_rcnn_1x", "mmdet/configs/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py", 50),
    ("schedule_1x", "mmdet/configs/_base_/schedules/schedule_1x.py", 7),
    ("swin_tiny", "mmpretrain/configs/swin_transformer/swin-tiny_16xb64_in1k.py", 5),
    ("convnext_style_delete", "mmdet/configs/convnext/convnext-style-3x-delete.py", 40),
]


def load_config_class(folder):
    """mmengine's Config class from the files in `folder`, with shims for what it imports but never uses here."""
    def module(name, path=None, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        if path is not None:
            m.__path__ = [path]
        sys.modules[name] = m
        return m

    def load_file(name, path):
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        return mod

    class Printable:  # rich.console.Console / rich.text.Text: only Config's pretty printing uses them
        def __init__(self, *a, **k):
            pass

    module("rich", os.path.join(folder, "rich"))
    module("rich.console", Console=Printable)
    module("rich.text", Text=Printable)
    module("packaging", os.path.join(folder, "packaging"))
    module("packaging.version", parse=lambda v: tuple(int(p) for p in v.split(".") if p.isdigit()))
    load_file("addict", os.path.join(folder, "addict.py"))
    module("mmengine", os.path.join(folder, "mmengine"))
    module("mmengine.logging", print_log=lambda *a, **k: None)
    module("mmengine.fileio", load=None, dump=None)  # JSON/YAML configs only
    utils = module("mmengine.utils", os.path.join(folder, "utils"))
    for name in ("misc", "path", "package_utils", "version_utils"):
        loaded = load_file("mmengine.utils." + name, os.path.join(folder, "utils", name + ".py"))
        utils.__dict__.update({k: v for k, v in loaded.__dict__.items() if not k.startswith("__")})
    module("mmengine.config", os.path.join(folder, "config"))
    load_file("mmengine.config.lazy", os.path.join(folder, "config", "lazy.py"))
    load_file("mmengine.config.utils", os.path.join(folder, "config", "utils.py"))
    return load_file("mmengine.config.config", os.path.join(folder, "config", "config.py")).Config


def plain(value):
    """A ConfigDict tree as plain dicts, lists and tuples (what the schedulers are given)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    return value


def main():
    config_class = load_config_class(CONFIG)
    for name, config, epoch_length in CASES:
        cfg = plain(config_class.fromfile(os.path.join(OUT, config),
                                         import_custom_modules=False).to_dict())
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
