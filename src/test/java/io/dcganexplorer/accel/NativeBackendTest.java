package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.core.gan.GeneratorFactory;
import io.dcganexplorer.core.gan.TinyGan;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Facts about the CPU build; NativeBackendBuildTest holds what is true of every build. */
class NativeBackendTest {

    private static final DcganConfig TINY = TinyGan.config(21);

    @BeforeAll
    static void cpuBuildOnly() {
        assumeFalse(NativeBackend.cudaBackendOnClassPath(), "a -Pcuda build leaves the oneDNN helpers off");
    }

    @Test
    void openMpThreadsCanBeSetForOneThreadAlone() throws Exception {
        Nd4j.create(1);
        int mine = NativeBackend.setOpenMpThreadsOfThisThread(1);
        assertThat(mine).as("libgomp is reachable on Linux").isPositive();
        assertThat(NativeBackend.setOpenMpThreadsOfThisThread(mine)).isEqualTo(1);
        int[] seen = new int[3];
        Thread other = new Thread(() -> {
            seen[0] = NativeBackend.setOpenMpThreadsOfThisThread(1);
            seen[1] = NativeBackend.setOpenMpThreadsOfThisThread(3);
        });
        other.start();
        other.join();
        assertThat(seen[1]).isEqualTo(1);
        // The other thread's settings did not reach this one.
        assertThat(NativeBackend.setOpenMpThreadsOfThisThread(mine)).isEqualTo(mine);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NativeBackend.setOpenMpThreadsOfThisThread(0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void blasThreadsCanBeSetAndATrainerUsesOne() {
        int before = NativeBackend.setBlasThreads(2);
        assertThat(before).as("OpenBLAS answers on the CPU build").isPositive();
        assertThat(NativeBackend.setBlasThreads(2)).isEqualTo(2);
        new io.dcganexplorer.core.gan.DcganTrainer(io.dcganexplorer.core.gan.Dcgan.create(TINY));
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
        NativeBackend.setBlasThreads(before);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NativeBackend.setBlasThreads(0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void configureTurnsTheHelpersOnAndIsIdempotent() {
        NativeBackend.configure();
        NativeBackend.configure();
        assertThat(NativeBackend.helpersRequested()).isTrue();
        assertThat(NativeBackend.backendName()).isEqualTo("CPU");
        assertThat(NativeBackend.oneDnnAvailable()).as("natives built with oneDNN").isTrue();
        // PASSIVE unless the environment chose a policy already; either way libgomp sees one.
        assertThat(NativeBackend.ompWaitPolicy()).isNotBlank();
    }

    @Test
    void theAvx2OneDnnNativesAreTheOnesLoaded() {
        Nd4j.create(1);
        assertThat(NativeBackend.loadedNativeLibrary()).hasValueSatisfying(
                path -> assertThat(path).contains("onednn-avx2"));
    }

    @Test
    void oneDnnHelpersAttachToEveryConvolutionAndBatchnormLayer() {
        // As the factories build them; Dcgan then swaps batchnorm's helper for ChannelBatchNorm (FastLayersTest).
        List<Layer> layers = new ArrayList<>(List.of(GeneratorFactory.create(TINY).getLayers()));
        layers.addAll(List.of(DiscriminatorFactory.create(TINY).getLayers()));
        int convolutions = 0;
        int batchnorms = 0;
        for (Layer layer : layers) {
            // Deconvolution2DLayer has no helper by design in M2.1: it always runs libnd4j's deconv2d op,
            // which the oneDNN build already implements with oneDNN.
            if (layer instanceof ConvolutionLayer conv && !(layer instanceof Deconvolution2DLayer)) {
                assertThat(conv.getHelper()).as(layer.conf().getLayer().getLayerName()).isInstanceOf(MKLDNNConvHelper.class);
                convolutions++;
            }
            if (layer instanceof BatchNormalization bn) {
                assertThat(bn.getHelper()).as(layer.conf().getLayer().getLayerName()).isInstanceOf(MKLDNNBatchNormHelper.class);
                batchnorms++;
            }
        }
        assertThat(convolutions).isEqualTo(2);
        assertThat(batchnorms).isEqualTo(3);
    }

    @Test
    void helpersComputeTheSameGradientsAsTheBuiltInLayers() {
        MultiLayerNetwork withHelpers = DiscriminatorFactory.create(TINY);
        MultiLayerNetwork builtIn = withoutHelpers(() -> DiscriminatorFactory.create(TINY));
        assertThat(((ConvolutionLayer) builtIn.getLayer(0)).getHelper()).isNull();
        assertThat(builtIn.params().equals(withHelpers.params())).isTrue();

        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 8, 1, 16, 16).muli(2).subi(1);
        INDArray labels = Nd4j.zeros(8, 1);
        Pair<Gradient, INDArray> a = withHelpers.calculateGradients(x, labels, null, null);
        INDArray gradientA = withHelpers.getGradientsViewArray().dup();
        Pair<Gradient, INDArray> b = builtIn.calculateGradients(x, labels, null, null);
        INDArray gradientB = builtIn.getGradientsViewArray();

        double scale = gradientB.amaxNumber().doubleValue();
        assertThat(gradientA.sub(gradientB).amaxNumber().doubleValue()).isLessThan(1e-4 * scale);
        double inputScale = b.getSecond().amaxNumber().doubleValue();
        assertThat(a.getSecond().sub(b.getSecond()).amaxNumber().doubleValue()).isLessThan(1e-4 * inputScale);
    }

    private static MultiLayerNetwork withoutHelpers(java.util.function.Supplier<MultiLayerNetwork> build) {
        NativeBackend.configure();
        String previous = System.getProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
        System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, "true");
        try {
            return build.get();
        } finally {
            System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, previous);
        }
    }

    @Test
    void theAllocatorIsJemallocOnlyWhereItsLibraryIsMapped() {
        String libc = "7f3a1c000000-7f3a1c028000 r--p 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";
        String jemalloc = "7f3a1d000000-7f3a1d010000 r-xp 00000000 fe:01 5678 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
        String lookalike = "7f3a1e000000-7f3a1e010000 r--p 00000000 fe:01 9012 /opt/libjemalloc.so.2-notes/readme.txt";
        String anonymous = "7ffd5c3d2000-7ffd5c3f3000 rw-p 00000000 00:00 0 [stack]";

        assertThat(NativeBackend.allocatorIn(List.of(libc, anonymous))).isEqualTo("C library malloc");
        assertThat(NativeBackend.allocatorIn(List.of(libc, jemalloc, anonymous))).isEqualTo("jemalloc");
        assertThat(NativeBackend.allocatorIn(List.of(libc, lookalike))).isEqualTo("C library malloc");
        assertThat(NativeBackend.allocatorIn(List.of())).isEqualTo("C library malloc");
    }
}
