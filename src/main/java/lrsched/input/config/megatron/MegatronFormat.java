package lrsched.input.config.megatron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.ScheduleMapping;

/**
 * A Megatron-LM launch script (bash: {@code torchrun ... pretrain_gpt.py --lr 3e-4 ...}): the learning-rate flags
 * of its launch command, with the script's variables and arrays expanded, become a
 * {@code megatron.OptimizerParamScheduler} under Megatron's argument names. See src/docs/configs/megatron.md.
 */
public final class MegatronFormat implements ConfigFormat {
    static final String TYPE = "megatron.OptimizerParamScheduler";

    /** The flags read, each to its argument name (argparse: allow_abbrev=False, so only the full names). */
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        for (String flag : List.of("--lr", "--min-lr", "--lr-warmup-init", "--lr-warmup-iters",
                "--lr-warmup-samples", "--lr-warmup-fraction", "--lr-decay-style", "--lr-decay-iters",
                "--lr-decay-samples", "--lr-wsd-decay-style", "--lr-wsd-decay-iters", "--lr-wsd-decay-samples",
                "--train-iters", "--train-samples", "--global-batch-size")) {
            FLAGS.put(flag, flag.substring(2).replace('-', '_'));
        }
    }

    private static final Set<String> WORDS = Set.of("lr_decay_style", "lr_wsd_decay_style");
    /** Flags that change the global batch size during the run: the scheduler's increment is then not constant. */
    private static final Set<String> RAMPUPS = Set.of("--rampup-batch-size", "--step-batch-size-schedule");
    private static final Pattern LAUNCHER = Pattern.compile("pretrain_\\w*\\.py|torchrun|torch\\.distributed\\."
            + "(?:run|launch)");
    private static final Pattern LR_FLAG = Pattern.compile("(?m)(?:^|\\s)--(?:lr|train-iters|train-samples)(?:[\\s=]"
            + "|$)");

    @Override
    public String name() {
        return "megatron";
    }

    @Override
    public String title() {
        return "Megatron-LM launch script (pretrain_*.py flags)";
    }

    /**
     * A shell script (extension .sh, .bash, .slurm, .sbatch or none, or a {@code #!} line) that runs a
     * {@code pretrain_*.py} or torchrun with {@code --lr}, {@code --train-iters} or {@code --train-samples}.
     */
    @Override
    public boolean recognizes(Document document) {
        boolean script = document.isShellScript() || document.extension().isEmpty();
        return script && LAUNCHER.matcher(document.text()).find() && LR_FLAG.matcher(document.text()).find();
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        String source = document.source();
        List<ShellScript.Command> commands = ShellScript.commands(document.text());
        ShellScript.Command launch = launchCommand(commands).orElseThrow(() -> new InputException(
                Location.of(source), "no command in the script passes --lr, --train-iters or --train-samples; "
                + "a Megatron-LM launch script runs pretrain_*.py with its learning-rate flags"));
        Map<String, ShellScript.Word> values = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        List<ShellScript.Word> words = launch.words();
        for (int i = 0; i < words.size(); i++) {
            ShellScript.Word w = words.get(i);
            String flag = w.text().contains("=") ? w.text().substring(0, w.text().indexOf('=')) : w.text();
            if (RAMPUPS.contains(flag)) {
                throw new InputException(w.at(source), flag + " changes the global batch size during the run, and "
                        + "with it the scheduler's increment; lrsched's Megatron schedule assumes a constant "
                        + "--global-batch-size; remove " + flag + " to see the schedule at that batch size");
            }
            if (flag.equals("--warmup")) {
                throw new InputException(w.at(source), "AssertionError: --warmup argument is no longer valid, use "
                        + "--lr-warmup-fraction instead");
            }
            if (flag.equals("--decoupled-lr") || flag.equals("--decoupled-min-lr")) {
                ignored.add(flag + " (the input and output layers' own LR; lrsched shows the main parameter "
                        + "group's)");
            }
            if (!FLAGS.containsKey(flag)) {
                continue;
            }
            ShellScript.Word value;
            if (flag.length() < w.text().length()) {
                value = suffix(w, flag.length() + 1);
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new InputException(w.at(source), flag + " ends the command without a value; give it one");
            }
            if (!w.resolved() || !value.resolved()) {
                ShellScript.Word unknown = w.resolved() ? value : w;
                throw new InputException(unknown.at(source), flag + " takes " + unknown.unresolved()
                        + " or write the value after " + flag);
            }
            values.put(FLAGS.get(flag), value); // argparse: the last one given wins
        }
        List<String> missing = new ArrayList<>();
        if (!values.containsKey("lr")) {
            missing.add("--lr");
        }
        if (!values.containsKey("train_iters") && !values.containsKey("train_samples")) {
            missing.add("--train-iters (or --train-samples)");
        }
        if (!values.containsKey("global_batch_size")) {
            missing.add("--global-batch-size");
        }
        if (!missing.isEmpty()) {
            throw new InputException(new Location(source, launch.line(), 1), "the launch command has no "
                    + String.join(", no ", missing) + "; lrsched needs " + (missing.size() == 1 ? "it" : "them")
                    + " to compute Megatron's schedule" + (values.containsKey("global_batch_size") ? ""
                    : " (without --global-batch-size Megatron uses micro-batch-size x data-parallel size, which "
                    + "depends on the GPUs it runs on)"));
        }
        Location at = words.get(0).at(source);
        ScheduleMapping schedule = new ScheduleMapping(at, TYPE);
        schedule.put("name", new Node.ScalarNode(at, "lr", Node.ScalarKind.STRING));
        for (Map.Entry<String, ShellScript.Word> e : values.entrySet()) {
            Node.ScalarKind kind = WORDS.contains(e.getKey()) ? Node.ScalarKind.STRING : Node.ScalarKind.NUMBER;
            schedule.put(e.getKey(), new Node.ScalarNode(e.getValue().at(source), e.getValue().text(), kind));
        }
        List<String> defaults = new ArrayList<>();
        Derived derived = new Derived(values);
        derived.defaults(defaults);
        return new Imported(List.of(schedule.build()), derived.iterations(), derived.facts(), defaults, ignored);
    }

    /** The last command running a .py file with a learning-rate flag, else the last command with any such flag. */
    private static Optional<ShellScript.Command> launchCommand(List<ShellScript.Command> commands) {
        ShellScript.Command withFlags = null, launch = null;
        for (ShellScript.Command c : commands) {
            boolean flags = c.words().stream().anyMatch(w -> FLAGS.containsKey(w.text().replaceFirst("=.*", "")));
            if (flags) {
                withFlags = c;
                if (c.words().stream().anyMatch(w -> w.text().endsWith(".py"))) {
                    launch = c;
                }
            }
        }
        return Optional.ofNullable(launch != null ? launch : withFlags);
    }

    private static ShellScript.Word suffix(ShellScript.Word w, int from) {
        int[] lines = java.util.Arrays.copyOfRange(w.lines(), from, w.lines().length);
        int[] columns = java.util.Arrays.copyOfRange(w.columns(), from, w.columns().length);
        return new ShellScript.Word(w.text().substring(from), lines, columns, w.unresolved());
    }

    /** The numbers Megatron's get_optimizer_param_scheduler derives, for explain (the schedule type checks them). */
    private static final class Derived {
        private final Map<String, ShellScript.Word> values;

        Derived(Map<String, ShellScript.Word> values) {
            this.values = values;
        }

        private OptionalLong integer(String key) {
            ShellScript.Word w = values.get(key);
            return w == null ? OptionalLong.empty() : Numbers.parseInteger(w.text());
        }

        private OptionalDouble real(String key) {
            ShellScript.Word w = values.get(key);
            return w == null ? OptionalDouble.empty() : Numbers.parseReal(w.text());
        }

        private boolean iterationBased() {
            return values.containsKey("train_iters");
        }

        OptionalLong iterations() {
            OptionalLong b = integer("global_batch_size");
            if (iterationBased()) {
                return integer("train_iters");
            }
            OptionalLong samples = integer("train_samples");
            return samples.isPresent() && b.isPresent() && b.getAsLong() > 0
                    ? OptionalLong.of(samples.getAsLong() / b.getAsLong()) : OptionalLong.empty();
        }

        void defaults(List<String> defaults) {
            for (String[] d : new String[][] {{"min_lr", "0.0"}, {"lr_warmup_init", "0.0"},
                    {"lr_decay_style", "linear"}}) {
                if (!values.containsKey(d[0])) {
                    defaults.add(d[0] + ": " + d[1] + " (Megatron's default)");
                }
            }
            String unit = iterationBased() ? "iters" : "samples";
            if (!values.containsKey("lr_decay_" + unit)) {
                defaults.add("lr_decay_" + unit + ": train_" + unit + " (Megatron's default)");
            }
            if (!values.containsKey("lr_warmup_fraction") && !values.containsKey("lr_warmup_" + unit)) {
                defaults.add("lr_warmup_" + unit + ": 0 (Megatron's default: no warmup)");
            }
            if (values.containsKey("lr_decay_style") && values.get("lr_decay_style").text().equals("WSD")
                    && !values.containsKey("lr_wsd_decay_style")) {
                defaults.add("lr_wsd_decay_style: exponential (Megatron's default)");
            }
        }

        List<Imported.Fact> facts() {
            List<Imported.Fact> facts = new ArrayList<>();
            OptionalLong b = integer("global_batch_size");
            if (b.isEmpty() || b.getAsLong() < 1) {
                return facts;
            }
            long batch = b.getAsLong();
            facts.add(new Imported.Fact("scheduler increment", batch + " samples",
                    "global_batch_size: the scheduler counts samples, stepped by this after each iteration"));
            String unit = iterationBased() ? "iters" : "samples";
            OptionalLong length = integer("train_" + unit);
            if (length.isEmpty()) {
                return facts;
            }
            if (!iterationBased()) {
                facts.add(new Imported.Fact("train_iters", Long.toString(length.getAsLong() / batch),
                        "train_samples // global_batch_size = " + length.getAsLong() + " // " + batch));
            }
            OptionalLong decayGiven = integer("lr_decay_" + unit);
            long decayLength = decayGiven.orElse(length.getAsLong());
            String decayName = decayGiven.isPresent() ? "lr_decay_" + unit : "train_" + unit;
            long decay;
            if (iterationBased()) {
                decay = decayLength * batch;
                facts.add(new Imported.Fact("lr_decay_steps", decay + " samples", decayName + " x "
                        + "global_batch_size = " + decayLength + " x " + batch));
            } else {
                decay = decayLength;
                facts.add(new Imported.Fact("lr_decay_steps", decay + " samples", decayName));
            }
            OptionalDouble fraction = real("lr_warmup_fraction");
            OptionalLong warmupLength = integer("lr_warmup_" + unit);
            double warmup;
            if (fraction.isPresent()) {
                warmup = fraction.getAsDouble() * decay;
                facts.add(new Imported.Fact("lr_warmup_steps", DoubleFormat.format(warmup) + " samples",
                        "lr_warmup_fraction x lr_decay_steps = " + DoubleFormat.format(fraction.getAsDouble()) + " x "
                                + decay));
            } else {
                long w = warmupLength.orElse(0);
                warmup = iterationBased() ? (double) w * batch : w;
                facts.add(new Imported.Fact("lr_warmup_steps", (long) warmup + " samples", iterationBased()
                        ? "lr_warmup_iters x global_batch_size = " + w + " x " + batch : "lr_warmup_samples"));
            }
            if (warmup > 0) {
                facts.add(new Imported.Fact("warmup peak", "iteration " + (long) Math.ceil(warmup / batch),
                        "the first iteration whose sample count reaches lr_warmup_steps (its LR is lr)"));
            }
            OptionalLong wsd = integer("lr_wsd_decay_" + unit);
            if (values.containsKey("lr_decay_style") && values.get("lr_decay_style").text().equals("WSD")
                    && wsd.isPresent()) {
                long steps = iterationBased() ? wsd.getAsLong() * batch : wsd.getAsLong();
                facts.add(new Imported.Fact("wsd_decay_steps", steps + " samples", iterationBased()
                        ? "lr_wsd_decay_iters x global_batch_size = " + wsd.getAsLong() + " x " + batch
                        : "lr_wsd_decay_samples"));
                facts.add(new Imported.Fact("WSD anneal starts after", (decay - steps) + " samples",
                        "lr_decay_steps - wsd_decay_steps"));
            }
            return facts;
        }
    }
}
