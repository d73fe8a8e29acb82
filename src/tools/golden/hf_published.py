"""The expected values transformers' own test publishes for its schedules.

huggingface/transformers tests/optimization/test_optimization.py @ 74714520aed84bb44c9e6724ba805d2cd1e1eff7,
ScheduleInitTest.test_schedulers: AdamW lr=10.0, 10 steps (lr read, then scheduler.step()), compared with
assertAlmostEqual delta=1e-2 (the values are truncated). Each entry: (get_scheduler name, kwargs, the 10 values).
Used by hf_library.py and kohya_configs.py to check the shimmed library modules before they write anything.
"""

PUBLISHED = [
    ("constant", {}, [10.0] * 10),
    ("constant_with_warmup", {"num_warmup_steps": 4}, [0.0, 2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]),
    ("linear", {"num_warmup_steps": 2, "num_training_steps": 10},
     [0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25]),
    ("cosine", {"num_warmup_steps": 2, "num_training_steps": 10},
     [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38]),
    ("cosine_with_restarts", {"num_warmup_steps": 2, "num_training_steps": 10, "num_cycles": 2},
     [0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46]),
    ("polynomial", {"num_warmup_steps": 2, "num_training_steps": 10, "power": 2.0, "lr_end": 1e-7},
     [0.0, 5.0, 10.0, 7.656, 5.625, 3.906, 2.5, 1.406, 0.625, 0.156]),
    ("inverse_sqrt", {"num_warmup_steps": 2}, [0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714]),
]
