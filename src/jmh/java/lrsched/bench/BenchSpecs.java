package lrsched.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.core.Curve;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.registry.Registry;

/** Schedules for the benchmarks, built the way {@code lrsched csv -s ...} builds them. */
public final class BenchSpecs {
    /**
     * The four schedules of the throughput target (src/bench/throughput.yaml) and their native stand-ins
     * (src/bench/throughput-native.yaml), as {@code -s} flags keyed by type.
     */
    public static String flags(String type) {
        switch (type) {
            case "noam": return "type=noam,d_model=512,warmup=4000";
            case "torch.CosineAnnealingWarmRestarts": return "type=" + type + ",lr=0.1,T_0=1000,T_mult=2,eta_min=1e-6";
            case "cosine_restarts": return "type=" + type + ",lr=0.1,min_lr=1e-6,period=1000,period_mult=2";
            case "hf.cosine": return "type=" + type + ",lr=3e-4,num_warmup_steps=10000,num_training_steps=1000000";
            case "cosine": return "type=" + type + ",lr=3e-4,warmup=10000,total=1000000";
            case "torch.OneCycleLR": return "type=" + type + ",lr=0.01,max_lr=0.01,total_steps=1000000";
            case "one_cycle": return "type=" + type + ",lr=0.01,total=1000000";
            case "multistep": return "type=" + type + ",lr=0.1,milestones=[300000,600000,900000]";
            case "wsd": return "type=" + type + ",lr=3e-4,total=1000000,decay_steps=200000,warmup=2000";
            default: throw new IllegalArgumentException("no benchmark spec for type " + type);
        }
    }

    /** The library types when this build registers them, else their native stand-ins. */
    public static List<String> throughputTypes() {
        Registry registry = Libraries.registry();
        List<String> types = new ArrayList<>();
        types.add("noam");
        types.add(registry.find("torch.CosineAnnealingWarmRestarts").isPresent()
                ? "torch.CosineAnnealingWarmRestarts" : "cosine_restarts");
        types.add(registry.find("hf.cosine").isPresent() ? "hf.cosine" : "cosine");
        types.add(registry.find("torch.OneCycleLR").isPresent() ? "torch.OneCycleLR" : "one_cycle");
        return types;
    }

    /** One curve per type, named after it. */
    public static List<Curve> curves(List<String> types) {
        Registry registry = Libraries.registry();
        List<String> flags = new ArrayList<>();
        for (String type : types) {
            if (registry.find(type).isEmpty()) {
                throw new IllegalStateException(type + " is not registered in this build (its branch is not merged)");
            }
            flags.add(flags(type));
        }
        Spec spec = new SpecLoader(registry, new ByteArrayInputStream(new byte[0]), Path.of(""))
                .load(List.of(), flags, List.of());
        List<Curve> curves = new ArrayList<>();
        for (Spec.Entry e : spec.schedules()) {
            curves.add(new Curve(e.name(), registry.build(e.mapping(), e.name(), Optional.empty())));
        }
        return curves;
    }

    private BenchSpecs() {}
}
