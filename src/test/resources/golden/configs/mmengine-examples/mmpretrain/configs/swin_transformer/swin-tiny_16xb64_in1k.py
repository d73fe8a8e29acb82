# From open-mmlab/mmpretrain configs/swin_transformer/swin-tiny_16xb64_in1k.py at commit 284c65ec08f84f22adbbab622a738b19c9782a14 (Apache-2.0, OpenMMLab); unchanged below this line.
_base_ = [
    '../_base_/models/swin_transformer/tiny_224.py',
    '../_base_/datasets/imagenet_bs64_swin_224.py',
    '../_base_/schedules/imagenet_bs1024_adamw_swin.py',
    '../_base_/default_runtime.py'
]
