package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.GeneratorFactory;
import io.dcganexplorer.core.gan.TinyGan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/** The entry point and its switch: one property turns every speed-up off, and failures to install are reported. */
class AccelTest {

    @BeforeAll
    static void cpuBuildOnly() {
        assumeFalse(NativeBackend.cudaBackendOnClassPath(), "the CUDA build installs nothing");
    }

    @AfterEach
    void switchBackOn() {
        System.clearProperty(Accel.PROPERTY);
    }

    @Test
    void offLeavesNetworksAsDl4jBuiltThemAndCompilesNothing() {
        System.setProperty(Accel.PROPERTY, "off");
        Dcgan gan = Dcgan.create(TinyGan.config(5));

        assertThat(Accel.install(gan.discriminator())).isZero();
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {gan.generator(), gan.discriminator()}) {
            for (Layer layer : net.getLayers()) {
                Object fn = FastLayers.activationOf(layer.conf().getLayer());
                assertThat(fn).as(layer.conf().getLayer().getLayerName())
                        .isNotInstanceOfAny(FastLeakyReLU.class, FastReLU.class);
                assertThat(layer.getClass()).isNotEqualTo(OutputReusingDeconvolution2DLayer.class);
            }
        }
        assertThat(Accel.compile(gan.generator())).isEmpty();
        assertThat(Accel.whyNotInstalled()).isEqualTo("dcgan.accel=off");
    }

    @Test
    void offLeavesOpenBlasThreadsAsTheyWere() {
        NativeBackend.setBlasThreads(2);
        System.setProperty(Accel.PROPERTY, "OFF");
        Accel.prepareForTraining();
        assertThat(NativeBackend.setBlasThreads(2)).isEqualTo(2);

        System.clearProperty(Accel.PROPERTY);
        Accel.prepareForTraining();
        assertThat(NativeBackend.setBlasThreads(2)).as("on: a trainer's one thread").isEqualTo(1);
    }

    @Test
    void onInstallsTheFastLayersAndCompilesTheGenerator() {
        Dcgan gan = Dcgan.create(TinyGan.config(5));

        assertThat(gan.generator().getLayers()).anyMatch(l -> l instanceof OutputReusingDeconvolution2DLayer)
                .noneMatch(l -> l.getClass() == Deconvolution2DLayer.class);
        assertThat(gan.discriminator().getLayers())
                .anyMatch(l -> FastLayers.activationOf(l.conf().getLayer()) instanceof FastLeakyReLU);
        assertThat(Accel.compile(gan.generator())).isPresent();
        assertThat(Accel.whyNotInstalled()).isNull();
    }

    @Test
    void everyReflectiveStepIntoThisDl4jVersionWorks() {
        MultiLayerNetwork g = GeneratorFactory.create(TinyGan.config(6));
        Accel.install(g);
        assertThat(FastLayers.failures()).doesNotContain("BatchNormalization.helper", "ConvolutionLayer.helper",
                "MultiLayerNetwork.layerMap");
    }

    @Test
    void aFailedReflectiveStepIsAWarningThatNamesIt() {
        String err = capturingStandardError(() ->
                FastLayers.accessibleField(MultiLayerNetwork.class, "noSuchField", Map.class, "nothing changes"));
        assertThat(err).contains("cannot use DL4J's MultiLayerNetwork.noSuchField").contains("nothing changes")
                .contains("NoSuchFieldException");
        assertThat(FastLayers.failures()).contains("MultiLayerNetwork.noSuchField");
    }

    @Test
    void aFieldOfAnotherTypeIsAFailureToo() {
        String err = capturingStandardError(() ->
                FastLayers.accessibleField(MultiLayerNetwork.class, "layers", ActivationReLU.class, "kept"));
        assertThat(err).contains("MultiLayerNetwork.layers (").contains("its type is [Lorg.deeplearning4j.nn.api.Layer;");
    }

    @Test
    void anUnknownValueKeepsTheSpeedUpsOnAndSaysSo() {
        System.setProperty(Accel.PROPERTY, "false");
        String err = capturingStandardError(() -> {
            assertThat(Accel.enabled()).isTrue();
            return null;
        });
        assertThat(err).contains("dcgan.accel=false: expected on or off");
    }

    /** What {@code action} writes to standard error, where slf4j-simple logs. */
    private static String capturingStandardError(Supplier<?> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
