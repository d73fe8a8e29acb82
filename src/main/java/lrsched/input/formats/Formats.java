package lrsched.input.formats;

import java.util.List;

import lrsched.input.config.ConfigFormats;
import lrsched.input.config.LrschedFormat;
import lrsched.input.config.axolotl.AxolotlFormat;
import lrsched.input.config.fairseq.FairseqFormat;
import lrsched.input.config.hf.DeepSpeedFormat;
import lrsched.input.config.hf.HfFormat;
import lrsched.input.config.hf.LlamaFactoryFormat;
import lrsched.input.config.kohya.KohyaFormat;
import lrsched.input.config.lightning.LightningFormat;
import lrsched.input.config.megatron.MegatronFormat;
import lrsched.input.config.nemo.NemoFormat;
import lrsched.input.config.timm.TimmFormat;
import lrsched.input.config.torchtune.TorchtuneFormat;

/**
 * The composition root of input formats: every kind of file {@code --spec} reads, one line each. lrsched's own spec
 * comes first: it reads the files no other format claims. A new format is a class in a package of its own under
 * {@code lrsched.input.config} and one line here.
 */
public final class Formats {
    private static final ConfigFormats STANDARD = new ConfigFormats(List.of(
            new LrschedFormat(),
            new HfFormat(),
            new DeepSpeedFormat(),
            new LlamaFactoryFormat(),
            new AxolotlFormat(),
            new KohyaFormat(),
            new LightningFormat(),
            new TorchtuneFormat(),
            new TimmFormat(),
            new FairseqFormat(),
            new NemoFormat(),
            new lrsched.input.config.detectron2.Detectron2Format(),
            new lrsched.input.config.ultralytics.UltralyticsFormat(),
            new lrsched.input.config.mmengine.MmengineFormat(),
            new lrsched.input.config.paddleocr.PaddleOcrFormat(),
            new lrsched.input.config.paddledet.PaddleDetFormat(),
            new lrsched.input.config.paddleseg.PaddleSegFormat(),
            new lrsched.input.config.paddleclas.PaddleClasFormat(),
            new MegatronFormat()));

    private Formats() {}

    /** Every format lrsched reads. */
    public static ConfigFormats standard() {
        return STANDARD;
    }
}
