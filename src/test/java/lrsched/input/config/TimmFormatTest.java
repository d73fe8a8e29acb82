package lrsched.input.config;

import static lrsched.input.config.ConfigGolden.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** timm's train.py configs against the golden data of src/tools/golden/timm_configs.py (timm's own code). */
class TimmFormatTest {

    @TestFactory
    Stream<DynamicTest> everyUpdateOfTheRunMatchesTimm() {
        return ConfigGolden.of("timm");
    }

    @Test
    void claimsTrainPyArgumentsOnly() {
        TimmFormat timm = new TimmFormat();
        assertThat(timm.recognizes(yaml("args.yaml", "model: resnet50\nsched: cosine\nepochs: 100\n"))).isTrue();
        assertThat(timm.recognizes(yaml("args.yml", "opt: lamb\nsched: step\nepochs: 10\n"))).isTrue();
        // a key short: not enough to say it is train.py's
        assertThat(timm.recognizes(yaml("args.yaml", "sched: cosine\nepochs: 100\n"))).isFalse();
        assertThat(timm.recognizes(yaml("args.yaml", "model: x\nepochs: 100\n"))).isFalse();
        // lrsched specs and other extensions are not timm's
        assertThat(timm.recognizes(yaml("a.yaml", "model: x\nsched: cosine\nepochs: 1\nschedules: []\n")))
                .isFalse();
        assertThat(timm.recognizes(yaml("a.yaml", "model: x\nsched: cosine\nepochs: 1\ntype: cosine\n")))
                .isFalse();
        assertThat(timm.recognizes(yaml("a.json", "{\"model\": \"x\", \"sched\": \"cosine\", \"epochs\": 1}")))
                .isFalse();
        assertThat(ConfigFormats.standard().choose(yaml("args.yaml",
                "model: resnet50\nsched: cosine\nepochs: 100\n"), Optional.empty()).name()).isEqualTo("timm");
    }
}
