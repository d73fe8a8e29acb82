# From open-mmlab/mmdetection configs/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py at commit 2e97ad71edc39b2a432fa7261395f7d60d9a0456 (Apache-2.0, OpenMMLab); unchanged below this line.
_base_ = [
    '../_base_/models/faster-rcnn_r50_fpn.py',
    '../_base_/datasets/coco_detection.py',
    '../_base_/schedules/schedule_1x.py', '../_base_/default_runtime.py'
]
