package lrsched.input.config.mmengine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import lrsched.core.Counts;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.ScheduleMapping;

/**
 * An OpenMMLab (mmengine) Python config: its {@code param_scheduler}, the optimizer's lr
 * ({@code optim_wrapper.optimizer.lr}, or the older {@code optimizer.lr}) and {@code train_cfg} become an
 * {@code mmengine.param_scheduler} schedule, as mmengine's Runner builds and steps them (open-mmlab/mmengine
 * mmengine/runner/runner.py build_param_scheduler and build_train_loop, mmengine/runner/loops.py). The file is read,
 * not run (see {@link PythonConfig}); src/docs/configs/mmengine.md is its manual.
 */
public final class MmengineFormat implements ConfigFormat {
    private static final Pattern CLAIM = Pattern.compile("(?m)^(?:(?:_base_|param_scheduler|optim_wrapper|train_cfg)"
            + "\\s*=|with\\s+read_base\\(\\)\\s*:)");

    @Override
    public String name() {
        return "mmengine";
    }

    @Override
    public String title() {
        return "OpenMMLab / mmengine Python config (param_scheduler, optim_wrapper, train_cfg, _base_)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("OpenMMLab configs build mmengine.param_scheduler from param_scheduler, optim_wrapper and "
                + "train_cfg (lrsched types mmengine; src/docs/configs/mmengine.md)");
    }

    /** A .py file with a top-level _base_, param_scheduler, optim_wrapper or train_cfg, or a read_base() block. */
    @Override
    public boolean recognizes(Document document) {
        return document.extension().equals("py") && CLAIM.matcher(document.text()).find();
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        List<String> files = new ArrayList<>();
        Map<String, PythonConfig.Value> config = PythonConfig.read(document, context, files);
        Location file = Location.of(document.source());
        List<Imported.Fact> facts = new ArrayList<>();
        for (String base : files) {
            facts.add(new Imported.Fact("base file", base, "merged as mmengine's Config merges _base_ files"));
        }

        PythonConfig.Value schedulers = config.get("param_scheduler");
        if (schedulers == null || schedulers instanceof PythonConfig.Value.Scalar s
                && s.node().kind() == Node.ScalarKind.NULL) {
            throw new InputException(schedulers == null ? file : schedulers.location(), "param_scheduler is not set "
                    + "here or in the _base_ files, so mmengine keeps the optimizer's lr constant; lrsched reads "
                    + "configs that set param_scheduler = [dict(type='LinearLR', ...), ...]");
        }
        Node list = PythonConfig.node(schedulers, "param_scheduler");
        if (list instanceof Node.MapNode single) {
            list = new Node.ListNode(single.location(), List.of(single));
        }
        if (!(list instanceof Node.ListNode entries)) {
            throw new InputException(list.location(), "param_scheduler is a list of dict(type=..., ...) or one "
                    + "dict, not " + list.describe());
        }

        Node.ScalarNode lr = learningRate(config, file);
        Loop loop = loop(config, file);

        boolean epochBased = false;
        boolean converted = false;
        for (Node entry : entries.items()) {
            if (entry instanceof Node.MapNode m) {
                boolean byEpoch = !m.get("by_epoch").filter(n -> n instanceof Node.ScalarNode s
                        && s.text().equals("false")).isPresent();
                boolean convert = m.get("convert_to_iter_based").filter(n -> n instanceof Node.ScalarNode s
                        && s.text().equals("true")).isPresent();
                converted |= byEpoch && convert;
                if (byEpoch && !convert && !loop.byEpoch()) {
                    throw new InputException(m.location(), "this scheduler is epoch-based (by_epoch defaults to "
                            + "True) in an IterBasedTrainLoop, which runs one epoch: mmengine steps it only after "
                            + "the last iteration; set by_epoch=False (or convert_to_iter_based=True)");
                }
                epochBased |= byEpoch && !convert;
            }
        }

        ScheduleMapping s = new ScheduleMapping(file, "mmengine.param_scheduler");
        s.put("lr", lr);
        s.put("schedulers", entries);
        long epochLength = 0;
        if (loop.byEpoch() || converted || epochBased) {
            String why = loop.byEpoch() ? "train_cfg (an EpochBasedTrainLoop of " + loop.length() + " epochs)"
                    : "param_scheduler (convert_to_iter_based)";
            epochLength = context.facts().require(RunFacts.BATCHES_PER_EPOCH, loop.at(), why);
            s.put("epoch_length", loop.at(), epochLength);
            facts.add(new Imported.Fact("iterations per epoch", Long.toString(epochLength),
                    "len(train_dataloader), from --run batches_per_epoch"));
        }
        long steps;
        if (loop.byEpoch()) {
            steps = Math.multiplyExact(loop.length(), epochLength);
            s.put("max_epochs", loop.at(), loop.length());
            s.put("max_iters", loop.at(), steps);
            facts.add(new Imported.Fact("max_iters", Long.toString(steps), Counts.of(loop.length(), "epoch")
                    + " x " + Counts.of(epochLength, "iteration") + " (EpochBasedTrainLoop)"));
        } else {
            steps = loop.length();
            s.put("max_iters", loop.at(), steps);
        }
        List<String> ignored = new ArrayList<>();
        for (String key : config.keySet()) {
            if (!List.of("param_scheduler", "optim_wrapper", "optimizer", "train_cfg").contains(key)) {
                ignored.add(key);
            }
        }
        Imported imported = new Imported(List.of(s.build()), OptionalLong.of(steps), facts, List.of(), ignored);
        return imported.withUpdatesPerEpoch(epochLength);
    }

    /** optim_wrapper.optimizer.lr, or the older top-level optimizer.lr (mmcv 1.x configs). */
    private static Node.ScalarNode learningRate(Map<String, PythonConfig.Value> config, Location file) {
        PythonConfig.Value wrapper = config.get("optim_wrapper");
        PythonConfig.Value optimizer = null;
        String path;
        if (wrapper instanceof PythonConfig.Value.Dict w && w.values().containsKey("optimizer")) {
            optimizer = w.values().get("optimizer");
            path = "optim_wrapper.optimizer.lr";
        } else {
            optimizer = config.get("optimizer");
            path = "optimizer.lr";
        }
        if (wrapper instanceof PythonConfig.Value.Unreadable u && optimizer == null) {
            PythonConfig.node(u, "optim_wrapper.optimizer.lr");
        }
        if (optimizer instanceof PythonConfig.Value.Unreadable u) {
            PythonConfig.node(u, path);
        }
        if (!(optimizer instanceof PythonConfig.Value.Dict o) || !o.values().containsKey("lr")) {
            throw new InputException(optimizer == null ? file : optimizer.location(), "no " + path + " here or in "
                    + "the _base_ files; the schedulers scale the optimizer's lr: set optim_wrapper = "
                    + "dict(optimizer=dict(type='SGD', lr=0.02, ...))");
        }
        Node lr = PythonConfig.node(o.values().get("lr"), path);
        if (!(lr instanceof Node.ScalarNode n) || n.kind() != Node.ScalarKind.NUMBER) {
            throw new InputException(lr.location(), path + " must be a number, not " + lr.describe());
        }
        return n;
    }

    /** The train loop: EpochBasedTrainLoop(max_epochs) or IterBasedTrainLoop(max_iters), as build_train_loop. */
    private record Loop(boolean byEpoch, long length, Location at) {}

    private static Loop loop(Map<String, PythonConfig.Value> config, Location file) {
        PythonConfig.Value v = config.get("train_cfg");
        if (v == null) {
            throw new InputException(file, "no train_cfg here or in the _base_ files; the run's length comes from "
                    + "train_cfg = dict(by_epoch=True, max_epochs=12) (or type='IterBasedTrainLoop', max_iters=N)");
        }
        Node n = PythonConfig.node(v, "train_cfg");
        if (!(n instanceof Node.MapNode m)) {
            throw new InputException(n.location(), "train_cfg is a dict, not " + n.describe());
        }
        Optional<Node> type = m.get("type");
        boolean byEpoch;
        if (type.isPresent()) {
            String t = type.get() instanceof Node.ScalarNode s ? s.text() : "";
            if (t.equals("EpochBasedTrainLoop")) {
                byEpoch = true;
            } else if (t.equals("IterBasedTrainLoop")) {
                byEpoch = false;
            } else {
                throw new InputException(type.get().location(), "train_cfg type '" + t + "' is not a loop lrsched "
                        + "knows; it reads EpochBasedTrainLoop and IterBasedTrainLoop");
            }
        } else {
            Node flag = m.get("by_epoch").orElseThrow(() -> new InputException(m.location(), "train_cfg has "
                    + "neither type nor by_epoch, which mmengine's build_train_loop needs (KeyError: 'by_epoch')"));
            byEpoch = flag instanceof Node.ScalarNode s && s.text().equals("true");
        }
        String key = byEpoch ? "max_epochs" : "max_iters";
        Node length = m.get(key).orElseThrow(() -> new InputException(m.location(), "train_cfg needs " + key
                + " for an " + (byEpoch ? "EpochBasedTrainLoop" : "IterBasedTrainLoop")));
        if (!(length instanceof Node.ScalarNode s) || !s.text().matches("[1-9]\\d{0,17}")) {
            throw new InputException(length.location(), "train_cfg " + key + " must be a whole number of 1 or "
                    + "more, not " + length.describe());
        }
        return new Loop(byEpoch, Long.parseLong(s.text()), length.location());
    }
}
