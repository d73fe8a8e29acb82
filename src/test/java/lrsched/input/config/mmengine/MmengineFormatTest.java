package lrsched.input.config.mmengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;

/**
 * Real OpenMMLab configs (golden/configs/mmengine-examples/, with their _base_ files) against mmengine's schedulers
 * stepped as its runner steps them, the configs loaded as mmengine's Config loads them
 * (src/tools/golden/mmengine_configs.py): every update bit for bit, except where CosineAnnealingLR calls math.cos
 * (within 1e-12 relative, as MmengineGoldenTest).
 */
class MmengineFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/mmengine-examples");

    @TempDir
    Path dir;

    private static Spec load(Path config, String... facts) {
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), config.getParent())
                .load(List.of(config), Optional.empty(), List.of(facts), List.of(), List.of(), List.of());
    }

    @TestFactory
    Stream<DynamicTest> realConfigsGiveMmenginesCurveBitForBit() {
        return Stream.of(
                new Object[] {"faster_rcnn_1x", "mmdet/configs/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py", 50},
                new Object[] {"schedule_1x", "mmdet/configs/_base_/schedules/schedule_1x.py", 7},
                new Object[] {"swin_tiny", "mmpretrain/configs/swin_transformer/swin-tiny_16xb64_in1k.py", 5},
                new Object[] {"convnext_style_delete", "mmdet/configs/convnext/convnext-style-3x-delete.py", 40})
                .map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
                    Spec spec = load(GOLDEN.resolve((String) c[1]).toAbsolutePath(), "batches_per_epoch=" + c[2]);
                    assertThat(spec.files().get(0).format().name()).isEqualTo("mmengine");
                    Spec.Entry e = spec.schedules().get(0);
                    Schedule schedule = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
                    List<String> rows = new ArrayList<>(Files.readAllLines(GOLDEN.resolve(c[0] + ".csv"),
                            StandardCharsets.UTF_8));
                    assertThat(rows.remove(0)).isEqualTo("update,lr");
                    boolean cosine = c[0].equals("swin_tiny");
                    for (String row : rows) {
                        String[] cells = row.split(",");
                        double expected = Double.parseDouble(cells[1]);
                        double actual = schedule.at(Long.parseLong(cells[0]));
                        if (cosine) {
                            // math.cos (glibc) and Math.cos may differ in the last place, as in MmengineGoldenTest
                            assertThat(actual).as(c[0] + " update " + cells[0]).isCloseTo(expected,
                                    org.assertj.core.api.Assertions.withinPercentage(1e-10));
                        } else {
                            assertThat(actual).as(c[0] + " update " + cells[0]).isEqualTo(expected);
                        }
                    }
                    assertThat(spec.steps()).hasValue(rows.size());
                }));
    }

    private Path write(String name, String text) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static final String SCHEDULE = "param_scheduler = [dict(type='LinearLR', start_factor=0.5, "
            + "by_epoch=False, begin=0, end=4), dict(type='StepLR', step_size=2, gamma=0.5)]\n"
            + "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1))\n"
            + "train_cfg = dict(by_epoch=True, max_epochs=6)\n";

    private Schedule build(Spec spec) {
        Spec.Entry e = spec.schedules().get(0);
        return Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
    }

    @Test
    void namesArithmeticDeleteAndListReplacementFollowMmenginesMerge() throws java.io.IOException {
        write("base/sched.py", SCHEDULE + "model = dict(backbone=build(), depth=50)\n");
        Path child = write("configs/child.py", "_base_ = '../base/sched.py'\nimport torch\n"
                + "epochs = 2 * 2\nlr = 5e-4 * 1024 / 512\n"
                + "optim_wrapper = dict(optimizer=dict(_delete_=True, type='AdamW', lr=lr))\n"
                + "param_scheduler = [dict(type='ConstantLR', factor=0.5, by_epoch=True, end=epochs // 2)]\n"
                + "train_cfg = dict(max_epochs=epochs)\nif False:\n    x = 1\nmodel = dict(depth=torch.nn)\n");
        Spec spec = load(child, "batches_per_epoch=3");
        Schedule s = build(spec);
        assertThat(spec.steps()).hasValue(12);
        // lr 0.001 (5e-4 * 1024 / 512), halved in epoch 0 (ConstantLR restores at end - 1 = epoch 1), the child's
        // list replacing the base's
        assertThat(s.at(0)).isEqualTo(0.0005);
        assertThat(s.at(2)).isEqualTo(0.0005);
        assertThat(s.at(3)).isEqualTo(0.001);
        assertThat(s.at(11)).isEqualTo(0.001);
    }

    @Test
    void theNewStyleReadBaseImportsTheBaseNames() throws java.io.IOException {
        write("configs/_base_/sched.py", SCHEDULE);
        Path child = write("configs/exp/child.py", "from mmengine.config import read_base\n\nwith read_base():\n"
                + "    from .._base_.sched import *\n\ntrain_cfg.update(max_epochs=8)\n"
                + "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.2))\n");
        assertThatThrownBy(() -> load(child, "batches_per_epoch=2")).isInstanceOf(InputException.class)
                .hasMessageStartingWith(child.toString().replace(dir.toString(), dir.toString()) + ":6:1: cannot "
                        + "read a value changed by train_cfg.update(...) (needed for train_cfg)");
        Path plain = write("configs/exp/plain.py", "from mmengine.config import read_base\n\nwith read_base():\n"
                + "    from .._base_.sched import *\n\noptim_wrapper = dict(optimizer=dict(type='SGD', lr=0.2))\n");
        Spec spec = load(plain, "batches_per_epoch=2");
        assertThat(spec.steps()).hasValue(12);
        assertThat(build(spec).at(0)).isEqualTo(0.1);
    }

    @Test
    void anEpochBasedLoopNeedsTheDataloadersLength() throws java.io.IOException {
        Path config = write("c.py", SCHEDULE);
        assertThatThrownBy(() -> load(config)).isInstanceOf(InputException.class)
                .hasMessage(config + ":3:44: train_cfg (an EpochBasedTrainLoop of 6 epochs) needs the "
                        + "number of batches per epoch: add --run batches_per_epoch=N");
    }

    @Test
    void aValueLrschedCannotComputeIsAnErrorOnlyWhereItIsNeeded() throws java.io.IOException {
        Path config = write("c.py", SCHEDULE.replace("lr=0.1", "lr=base_lr * scale()")
                + "model = dict(backbone=make_backbone(depth=50))\n");
        assertThatThrownBy(() -> load(config, "batches_per_epoch=2")).isInstanceOf(InputException.class)
                .hasMessage(config + ":2:52: cannot read the name 'base_lr', which the file does not assign "
                        + "before (needed for optim_wrapper.optimizer.lr); lrsched reads literal values "
                        + "(dict(...), lists, numbers, strings) without running the config: write the value there");
    }

    @Test
    void aLineThatIsNotPythonIsAnErrorAtItsPlace() throws java.io.IOException {
        Path config = write("c.py", SCHEDULE + "x = dict(a=1,, b=2)\n");
        assertThatThrownBy(() -> load(config, "batches_per_epoch=2")).isInstanceOf(InputException.class)
                .hasMessage(config + ":4:14: unexpected ','");
    }

    @Test
    void basesMayNotShareAKey() throws java.io.IOException {
        write("a.py", "x = 1\n");
        write("b.py", "x = 2\n");
        Path config = write("c.py", "_base_ = ['a.py', 'b.py']\n" + SCHEDULE);
        assertThatThrownBy(() -> load(config, "batches_per_epoch=2")).isInstanceOf(InputException.class)
                .hasMessage(config + ":1:19: Duplicate key is not allowed among bases. Duplicate keys: {'x'} "
                        + "(mmengine's Config refuses this file; keep the name in one base)");
    }

    @Test
    void anIterationLoopNeedsNoEpochLengthAndRefusesEpochSchedulers() throws java.io.IOException {
        Path config = write("c.py", "param_scheduler = dict(type='PolyLR', power=1.0, eta_min=0.0, by_epoch=False)\n"
                + "optimizer = dict(type='SGD', lr=0.01)\n"
                + "train_cfg = dict(type='IterBasedTrainLoop', max_iters=100, val_interval=50)\n");
        Spec spec = load(config);
        assertThat(spec.steps()).hasValue(100);
        assertThat(build(spec).at(99)).isEqualTo(0.0);
        Path epochs = write("d.py", "param_scheduler = dict(type='PolyLR', power=1.0)\n"
                + "optimizer = dict(type='SGD', lr=0.01)\ntrain_cfg = dict(by_epoch=False, max_iters=100)\n");
        assertThatThrownBy(() -> load(epochs)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(epochs + ":1:19: this scheduler is epoch-based (by_epoch defaults to True) "
                        + "in an IterBasedTrainLoop");
    }

    @Test
    void aPythonFileNoFormatReadsSaysSo() throws java.io.IOException {
        Path lazy = write("lazy.py", "from detectron2.config import LazyCall as L\nlr_multiplier = L(X)(a=1)\n");
        assertThatThrownBy(() -> load(lazy)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(lazy + ": is a Python file no format reads; lrsched reads OpenMMLab configs");
    }

    @Test
    void missingKeysAreNamed() throws java.io.IOException {
        Path noScheduler = write("a.py", "optim_wrapper = dict(optimizer=dict(lr=0.1))\n"
                + "train_cfg = dict(by_epoch=True, max_epochs=2)\n");
        assertThatThrownBy(() -> load(noScheduler, "batches_per_epoch=2")).isInstanceOf(InputException.class)
                .hasMessageStartingWith(noScheduler + ": param_scheduler is not set here or in the _base_ files");
        Path noLr = write("b.py", "param_scheduler = []\ntrain_cfg = dict(by_epoch=True, max_epochs=2)\n");
        assertThatThrownBy(() -> load(noLr, "batches_per_epoch=2")).isInstanceOf(InputException.class)
                .hasMessageStartingWith(noLr + ": no optimizer.lr here or in the _base_ files");
    }
}
