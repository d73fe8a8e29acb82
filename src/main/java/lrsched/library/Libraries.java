package lrsched.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import lrsched.registry.Catalog;
import lrsched.registry.Registry;

/**
 * The composition root of schedule types: lrsched's native families and every library it reproduces, each registered
 * by one line below with its type-name prefix. Adding a library means writing its catalog in a package of its own
 * and adding its line here. Nothing else names the catalogs.
 */
public final class Libraries {
    private static final Registry STANDARD = new Registry(catalogs(), List.of("torch", "ultralytics", "deepspeed"));

    private Libraries() {}

    /** The registry of every type lrsched knows, natives first, then the libraries in the order below. */
    public static Registry registry() {
        return STANDARD;
    }

    /** (Lambdas, not method references: a method reference would load its class when the map is built.) */
    private static Map<String, Supplier<Catalog>> catalogs() {
        Map<String, Supplier<Catalog>> catalogs = new LinkedHashMap<>();
        catalogs.put(Registry.NATIVE, () -> new lrsched.natives.NativeTypes());
        catalogs.put("torch", () -> new lrsched.compat.torch.TorchTypes());
        catalogs.put("hf", () -> new lrsched.compat.hf.HfTypes());
        catalogs.put("diffusers", () -> new lrsched.compat.diffusers.DiffusersTypes());
        catalogs.put("keras", () -> new lrsched.compat.keras.KerasTypes());
        catalogs.put("optax", () -> new lrsched.compat.optax.OptaxTypes());
        catalogs.put("timm", () -> new lrsched.compat.timm.TimmTypes());
        catalogs.put("deepspeed", () -> new lrsched.compat.deepspeed.DeepSpeedTypes());
        catalogs.put("fairseq", () -> new lrsched.compat.fairseq.FairseqTypes());
        catalogs.put("megatron", () -> new lrsched.compat.megatron.MegatronTypes());
        catalogs.put("nemo", () -> new lrsched.compat.nemo.NemoTypes());
        catalogs.put("mmengine", () -> new lrsched.compat.mmengine.MmengineTypes());
        catalogs.put("detectron2", () -> new lrsched.compat.detectron2.Detectron2Types());
        catalogs.put("fvcore", () -> new lrsched.compat.detectron2.FvcoreTypes());
        catalogs.put("ultralytics", () -> new lrsched.compat.ultralytics.UltralyticsTypes());
        catalogs.put("fastai", () -> new lrsched.compat.fastai.FastaiTypes());
        catalogs.put("paddle", () -> new lrsched.compat.paddle.PaddleTypes());
        catalogs.put("paddleocr", () -> new lrsched.compat.paddleocr.PaddleOcrTypes());
        catalogs.put("paddledet", () -> new lrsched.compat.paddledet.PaddleDetTypes());
        catalogs.put("paddleclas", () -> new lrsched.compat.paddleclas.PaddleClasTypes());
        return catalogs;
    }
}
