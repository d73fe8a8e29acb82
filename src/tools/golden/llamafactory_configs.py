#!/usr/bin/env python3
"""Golden data for lrsched's `llamafactory` config format (LLaMA-Factory training YAML).

Runs the framework's own code, fetched into a scratch folder outside the repository (the first argument, default
/tmp/golden-hf; see hf_configs.py for the transformers and accelerate modules it shares):

  llamafactory/trainer_utils.py   hiyouga/LLaMA-Factory src/llamafactory/train/trainer_utils.py at
                                  ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30: create_custom_scheduler, extracted with ast
                                  (DummyOptimizer shimmed; called before get_scheduler as CustomSeq2SeqTrainer does)
  the dataset sizing              src/llamafactory/data/loader.py (_load_single_dataset: `max_samples = min(max_samples,
                                  len(dataset))`, per dataset) and src/llamafactory/data/data_utils.py (split_dataset:
                                  `val_size = int(val_size) if val_size > 1 else val_size`, then
                                  dataset.train_test_split(test_size=val_size)) at the same commit, those lines
                                  written out below (they sit inside functions that need the datasets)
  arrow_dataset.py                huggingface/datasets src/datasets/arrow_dataset.py at
                                  b7cb10b0e38ab8bbefdb142d0279bc85ac8c7ab8: the sizing statements of
                                  Dataset.train_test_split (checks included), extracted with ast and run

Writes src/test/resources/golden/configs/llamafactory/: CASE.yaml, CASE.run (flags), CASE.csv (step,lr).
Run: /usr/bin/python3 src/tools/golden/llamafactory_configs.py /tmp/golden-hf
"""
import ast
import importlib.util
import math
import os
import sys
import types

import yaml

SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/golden-hf"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs", "llamafactory")
sys.argv = sys.argv[:1] + [SCRATCH]

spec = importlib.util.spec_from_file_location("hf_configs", os.path.join(HERE, "hf_configs.py"))
hf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hf)


def create_custom_scheduler_function():
    source = open(os.path.join(SCRATCH, "llamafactory/trainer_utils.py")).read()
    node = next(n for n in ast.parse(source).body
                if isinstance(n, ast.FunctionDef) and n.name == "create_custom_scheduler")
    module = types.ModuleType("lf_trainer_utils")
    module.DummyOptimizer = type("DummyOptimizer", (), {})
    module.get_scheduler = hf.optimization.get_scheduler
    module.Optional = __import__("typing").Optional
    exec(compile(ast.Module(body=[node], type_ignores=[]), "trainer_utils.py", "exec"), module.__dict__)
    return module.create_custom_scheduler


create_custom_scheduler = create_custom_scheduler_function()


def train_test_split_sizing():
    """The sizing statements of datasets' Dataset.train_test_split, from `if test_size is None and train_size is None`
    to its empty-train-set check, extracted with ast into a function of (n_samples, test_size)."""
    source = open(os.path.join(SCRATCH, "arrow_dataset.py")).read()
    cls = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "Dataset")
    fn = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "train_test_split")
    start = next(i for i, st in enumerate(fn.body) if isinstance(st, ast.If)
                 and "test_size is None and train_size is None" in ast.unparse(st.test))
    end = next(i for i, st in enumerate(fn.body) if isinstance(st, ast.If) and ast.unparse(st.test) == "n_train == 0")
    body = [st for st in fn.body[start:end + 1]
            if not (isinstance(st, ast.Assign) and ast.unparse(st.targets[0]) == "n_samples")]
    body.append(ast.parse("return n_train, n_test").body[0])
    wrapper = ast.parse("def sizing(n_samples, test_size, train_size=None):\n    pass").body[0]
    wrapper.body = body
    module = ast.fix_missing_locations(ast.Module(body=[wrapper], type_ignores=[]))
    namespace = {"ceil": math.ceil, "floor": math.floor}
    exec(compile(module, "arrow_dataset.py", "exec"), namespace)
    return namespace["sizing"]


train_test_split_sizes = train_test_split_sizing()


def training_examples(config, dataset_size):
    n = dataset_size
    if config.get("max_samples") is not None:  # loader.py, per dataset
        n = min(config["max_samples"], n)
    val = config.get("val_size", 0.0)
    if val > 1e-6:  # data_utils.split_dataset
        val_size = int(val) if val > 1 else val
        n, _ = train_test_split_sizes(n, val_size)
    return n


def run(config, facts):
    sized = dict(facts, dataset_size=training_examples(config, facts["dataset_size"]))
    hook = lambda args, n: create_custom_scheduler(args, n, None)
    return hf.run(config, sized, before_scheduler=hook)


BASE = {"model_name_or_path": "meta-llama/Meta-Llama-3-8B-Instruct", "stage": "sft", "do_train": True,
        "finetuning_type": "lora", "lora_rank": 8, "lora_target": "all", "template": "llama3", "cutoff_len": 2048,
        "overwrite_cache": True, "preprocessing_num_workers": 16, "output_dir": "saves/llama3-8b/lora/sft",
        "logging_steps": 10, "save_steps": 500, "plot_loss": True, "bf16": True}

CASES = [
    ("max_samples_and_val_fraction", dict(BASE, dataset="alpaca_en_demo", max_samples=1000, val_size=0.1,
                                          per_device_train_batch_size=1, gradient_accumulation_steps=8,
                                          learning_rate=1.0e-4, num_train_epochs=3.0, lr_scheduler_type="cosine",
                                          warmup_ratio=0.1),
     {"dataset_size": 52002, "num_devices": 2}, None),
    ("val_size_count", dict(BASE, dataset="alpaca_en_demo,identity", val_size=500, per_device_train_batch_size=4,
                            gradient_accumulation_steps=4, learning_rate=5.0e-5, num_train_epochs=2.0,
                            lr_scheduler_type="linear", warmup_steps=0.03),
     {"dataset_size": 10000}, None),
    ("wsd_defaults_omegaconf_float", dict(BASE, dataset="alpaca_en_demo", max_samples=5000, val_size=0.05,
                                          per_device_train_batch_size=2, gradient_accumulation_steps=4,
                                          learning_rate=1e-4, num_train_epochs=1.0,
                                          lr_scheduler_type="warmup_stable_decay", warmup_steps=20),
     {"dataset_size": 20000, "num_devices": 4}, ("learning_rate: 0.0001", "learning_rate: 1e-4")),
    ("wsd_decay_given", dict(BASE, dataset="alpaca_en_demo", per_device_train_batch_size=8,
                             learning_rate=2.0e-5, num_train_epochs=2.0, lr_scheduler_type="warmup_stable_decay",
                             lr_scheduler_kwargs={"num_decay_steps": 50, "min_lr_ratio": 0.1}, warmup_ratio=0.05),
     {"dataset_size": 3000}, None),
    ("val_fraction_rounds_up", dict(BASE, dataset="alpaca_en_demo", val_size=0.05, per_device_train_batch_size=4,
                                    learning_rate=1.0e-5, num_train_epochs=1.0, lr_scheduler_type="cosine",
                                    warmup_steps=5),
     {"dataset_size": 999}, None),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, config, facts, respell in CASES:
        rows, n, w = run(config, facts)
        text = yaml.safe_dump(config, sort_keys=False)
        if respell:
            assert respell[0] in text, text
            text = text.replace(*respell)
        with open(os.path.join(OUT, name + ".yaml"), "w") as f:
            f.write(text)
        hf.write_case(OUT, name, rows, "N = %d, num_warmup_steps = %d" % (n, w), hf.run_line(facts))
        print(name, "N =", n, "W =", w)


if __name__ == "__main__":
    main()
