package lrsched.input.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import org.junit.jupiter.api.Test;

class SweepsTest {
    private static final Registry REGISTRY = Libraries.registry();

    private static List<Spec.Entry> flags(String... schedules) {
        return new SpecLoader(REGISTRY, new ByteArrayInputStream(new byte[0]), java.nio.file.Path.of("."))
                .load(List.of(), List.of(schedules), List.of()).schedules();
    }

    private static List<String> names(List<Spec.Entry> entries) {
        return entries.stream().map(Spec.Entry::name).toList();
    }

    private static String value(Spec.Entry e, String key) {
        return ((Node.ScalarNode) e.mapping().get(key).orElseThrow()).text();
    }

    @Test
    void oneScheduleBecomesOneCurvePerValueNamedByTheValue() {
        List<Spec.Entry> out = Sweeps.apply(flags("type=cosine,lr=1e-3,warmup=100,total=1000"),
                List.of("warmup=500,1000,2000"), REGISTRY);
        assertThat(names(out)).containsExactly("warmup=500", "warmup=1000", "warmup=2000");
        assertThat(out).extracting(e -> value(e, "warmup")).containsExactly("500", "1000", "2000");
        assertThat(out).extracting(e -> value(e, "lr")).containsOnly("1e-3");
    }

    @Test
    void severalSweepsFormEveryCombination() {
        List<Spec.Entry> out = Sweeps.apply(flags("type=cosine,lr=1e-3,total=1000"),
                List.of("warmup=0,100", "lr=1e-3,3e-4,1e-4"), REGISTRY);
        assertThat(names(out)).containsExactly("warmup=0, lr=1e-3", "warmup=0, lr=3e-4", "warmup=0, lr=1e-4",
                "warmup=100, lr=1e-3", "warmup=100, lr=3e-4", "warmup=100, lr=1e-4");
    }

    @Test
    void withSeveralSchedulesNamesKeepTheScheduleName() {
        List<Spec.Entry> out = Sweeps.apply(flags("name=a,type=cosine,lr=1e-3,total=1000",
                "name=b,type=constant,lr=1"), List.of("lr=1,2"), REGISTRY);
        assertThat(names(out)).containsExactly("a lr=1", "a lr=2", "b lr=1", "b lr=2");
    }

    @Test
    void aNamePrefixSweepsOneScheduleOnly() {
        List<Spec.Entry> out = Sweeps.apply(flags("name=warmup cos,type=cosine,lr=1e-3,total=1000",
                "name=flat,type=constant,lr=1"), List.of("warmup cos.lr=1,2"), REGISTRY);
        assertThat(names(out)).containsExactly("warmup cos lr=1", "warmup cos lr=2", "flat");
    }

    @Test
    void schedulesWithoutTheParameterStayAsTheyAre() {
        List<Spec.Entry> out = Sweeps.apply(flags("name=a,type=cosine,lr=1e-3,total=1000",
                "name=n,type=noam,d_model=512,warmup=4000"), List.of("total=500,1000"), REGISTRY);
        assertThat(names(out)).containsExactly("a total=500", "a total=1000", "n");
    }

    @Test
    void listValuesKeepTheirCommas() {
        List<Spec.Entry> out = Sweeps.apply(flags("type=multistep,lr=1,milestones=[10]"),
                List.of("milestones=[10,20],[30]"), REGISTRY);
        assertThat(names(out)).containsExactly("milestones=[10,20]", "milestones=[30]");
    }

    @Test
    void repeatedValuesGetDistinctNames() {
        List<Spec.Entry> out = Sweeps.apply(flags("type=constant,lr=1"), List.of("lr=1,1"), REGISTRY);
        assertThat(names(out)).containsExactly("lr=1", "lr=1 (2)");
    }

    @Test
    void unknownParametersAreExplained() {
        assertThatThrownBy(() -> Sweeps.apply(flags("type=cosine,lr=1e-3,total=1000"), List.of("warmpu=1,2"),
                REGISTRY)).isInstanceOf(InputException.class).hasMessageContaining("warmpu")
                .hasMessageContaining("did you mean 'warmup'");
    }

    @Test
    void malformedSweepsAreExplained() {
        List<Spec.Entry> one = flags("type=constant,lr=1");
        assertThatThrownBy(() -> Sweeps.apply(one, List.of("lr"), REGISTRY)).isInstanceOf(InputException.class)
                .hasMessageContaining("KEY=V1,V2");
        assertThatThrownBy(() -> Sweeps.apply(one, List.of("lr=1,,2"), REGISTRY)).isInstanceOf(InputException.class)
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> Sweeps.apply(one, List.of("type=a,b"), REGISTRY))
                .isInstanceOf(InputException.class).hasMessageContaining("cannot be swept");
    }

    @Test
    void noSweepsChangeNothing() {
        List<Spec.Entry> one = flags("type=constant,lr=1");
        assertThat(Sweeps.apply(one, List.of(), REGISTRY)).isSameAs(one);
    }
}
