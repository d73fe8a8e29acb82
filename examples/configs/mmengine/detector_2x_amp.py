# An mmdetection-style config over the 1x schedule: twice as long, AdamW replacing SGD (_delete_), the milestones
# and the warmup written with a name. ./lrsched explain --spec examples/configs/mmengine/detector_2x_amp.py \
#   --run batches_per_epoch=7330     (src/docs/configs/mmengine.md)
_base_ = './_base_/schedule_1x.py'

max_epochs = 24
train_cfg = dict(max_epochs=max_epochs)

param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(
        type='MultiStepLR',
        begin=0,
        end=max_epochs,
        by_epoch=True,
        milestones=[16, 22],
        gamma=0.1)
]

optim_wrapper = dict(
    type='AmpOptimWrapper',
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0001 * 2, weight_decay=0.05))
