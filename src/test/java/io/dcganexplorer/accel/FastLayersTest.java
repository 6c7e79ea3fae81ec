package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DcganTrainer;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.core.gan.GeneratorFactory;
import io.dcganexplorer.core.gan.TinyGan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast layers compute what DL4J's own do (to float rounding), and go where they should. */
class FastLayersTest {

    private static final DcganConfig TINY = TinyGan.config(21);

    @BeforeAll
    static void cpuBuildOnly() {
        assumeFalse(NativeBackend.cudaBackendOnClassPath(), "a -Pcuda build keeps DL4J's layers");
        NativeBackend.configure();
    }

    @Test
    void channelBatchNormMatchesTheOneDnnHelperForwardAndBackward() {
        // Shapes of G's and D's batchnorm layers in miniature, with a non-zero mean and a non-unit spread; the last is
        // big enough to be split between threads.
        for (long[] shape : new long[][] {{8, 6, 5, 5}, {3, 16, 4, 4}, {1, 4, 2, 2}, {16, 32, 16, 16}}) {
            int c = (int) shape[1];
            INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(shape[0] * 7 + c), shape)
                    .muli(3).addi(2);
            INDArray dy = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(c), shape);
            INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, c).addi(0.5);
            INDArray beta = Nd4j.randn(DataType.FLOAT, 1, c);

            MKLDNNBatchNormHelper reference = new MKLDNNBatchNormHelper(DataType.FLOAT);
            ChannelBatchNorm fast = new ChannelBatchNorm();
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            INDArray outRef = reference.preOutput(x, true, shape, gamma, beta, null, null, 0.9, 1e-5,
                    CNN2DFormat.NCHW, mgr);
            INDArray outFast = fast.preOutput(x, true, shape, gamma, beta, null, null, 0.9, 1e-5,
                    CNN2DFormat.NCHW, mgr);
            assertClose(outFast, outRef, "forward " + java.util.Arrays.toString(shape));
            assertClose(fast.getMeanCache(DataType.FLOAT), reference.getMeanCache(DataType.FLOAT), "batch mean");
            assertClose(fast.getVarCache(DataType.FLOAT), reference.getVarCache(DataType.FLOAT), "batch variance");

            INDArray dGammaRef = Nd4j.create(DataType.FLOAT, 1, c);
            INDArray dBetaRef = Nd4j.create(DataType.FLOAT, 1, c);
            INDArray dGamma = Nd4j.create(DataType.FLOAT, 1, c);
            INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, c);
            Pair<Gradient, INDArray> ref = reference.backpropGradient(x, dy, shape, gamma, beta, dGammaRef, dBetaRef,
                    1e-5, CNN2DFormat.NCHW, mgr);
            Pair<Gradient, INDArray> got = fast.backpropGradient(x, dy, shape, gamma, beta, dGamma, dBeta,
                    1e-5, CNN2DFormat.NCHW, mgr);
            assertClose(got.getSecond(), ref.getSecond(), "dL/dx " + java.util.Arrays.toString(shape));
            assertClose(dGamma, dGammaRef, "dL/dgamma");
            assertClose(dBeta, dBetaRef, "dL/dbeta");

            // Inference: the running statistics instead of the batch's.
            INDArray mean = Nd4j.randn(DataType.FLOAT, 1, c);
            INDArray var = Nd4j.rand(DataType.FLOAT, 1, c).addi(0.1);
            assertClose(fast.preOutput(x, false, shape, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, mgr),
                    reference.preOutput(x, false, shape, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, mgr),
                    "inference forward");
        }
    }

    @Test
    void channelBatchNormReadsAndWritesArraysInsideAWorkspace() {
        // As in training: input, epsilon and outputs live in a workspace, at an offset into its memory.
        long[] shape = {128, 16, 8, 8};
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(5), shape).muli(2).addi(1);
        INDArray dy = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(6), shape);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, 16).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.FLOAT, 1, 16);
        LayerWorkspaceMgr plain = LayerWorkspaceMgr.noWorkspaces();
        ChannelBatchNorm reference = new ChannelBatchNorm();
        INDArray outRef = reference.preOutput(x, true, shape, gamma, beta, null, null, 0.9, 1e-5, CNN2DFormat.NCHW, plain);
        INDArray dxRef = reference.backpropGradient(x, dy, shape, gamma, beta, Nd4j.create(DataType.FLOAT, 1, 16),
                Nd4j.create(DataType.FLOAT, 1, 16), 1e-5, CNN2DFormat.NCHW, plain).getSecond();
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(64L << 20)
                .policyLearning(LearningPolicy.NONE).build();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace("bn-test", config).build();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "bn-test")) {
            Nd4j.create(DataType.FLOAT, 1000);  // so that what follows does not start at the workspace's base
            INDArray xw = x.dup();
            INDArray dyw = dy.dup();
            ChannelBatchNorm fast = new ChannelBatchNorm();
            INDArray out = fast.preOutput(xw, true, shape, gamma, beta, null, null, 0.9, 1e-5, CNN2DFormat.NCHW, mgr);
            assertThat(out.isAttached()).isTrue();
            assertClose(out.detach(), outRef, "forward in a workspace");
            INDArray dx = fast.backpropGradient(xw, dyw, shape, gamma, beta, Nd4j.create(DataType.FLOAT, 1, 16),
                    Nd4j.create(DataType.FLOAT, 1, 16), 1e-5, CNN2DFormat.NCHW, mgr).getSecond();
            assertClose(dx.detach(), dxRef, "backward in a workspace");
        }
    }

    @Test
    void channelBatchNormDeclinesWhatItDoesNotHandle() {
        ChannelBatchNorm fast = new ChannelBatchNorm();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 1, 3);
        INDArray beta = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 4);
        assertThat(fast.preOutput(doubles, true, doubles.shape(), gamma, beta, null, null, 0.9, 1e-5,
                CNN2DFormat.NCHW, mgr)).as("double precision: the layer's own code").isNull();
        INDArray nhwc = Nd4j.rand(DataType.FLOAT, 2, 4, 4, 3);
        assertThat(fast.preOutput(nhwc, true, nhwc.shape(), gamma, beta, null, null, 0.9, 1e-5,
                CNN2DFormat.NHWC, mgr)).isNull();
        INDArray rank2 = Nd4j.rand(DataType.FLOAT, 2, 3);
        assertThat(fast.preOutput(rank2, true, rank2.shape(), gamma, beta, null, null, 0.9, 1e-5,
                CNN2DFormat.NCHW, mgr)).isNull();
        assertThat(fast.backpropGradient(Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4), Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4),
                new long[] {2, 3, 4, 4}, gamma, beta, Nd4j.create(1, 3), Nd4j.create(1, 3), 1e-5, CNN2DFormat.NCHW, mgr))
                .as("no forward pass yet: nothing to differentiate").isNull();
    }

    @Test
    void fastActivationsMatchDl4jsOwn() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.randn(type, 4, 8, 6, 6);
            INDArray eps = Nd4j.randn(type, 4, 8, 6, 6);
            compare(new ActivationLReLU(0.2), new FastLeakyReLU(0.2), x, eps, type + " leaky ReLU 0.2");
            compare(new ActivationLReLU(0.0), new FastLeakyReLU(0.0), x, eps, type + " leaky ReLU 0");
            compare(new ActivationLReLU(1.5), new FastLeakyReLU(1.5), x, eps, type + " slope 1.5 (parent's ops)");
            compare(new ActivationReLU(), new FastReLU(), x, eps, type + " ReLU");
            compare(new ActivationReLU(6.0, 0.0, 0.0), withCap(), x, eps, type + " capped ReLU (parent's ops)");
        }
    }

    @Test
    void atZeroTheLeakyReLUSlopeIsPyTorchs() {
        // DL4J's LeakyReLUBp takes slope 1 at exactly 0 (its ReLU takes 0 there); PyTorch and FastLeakyReLU take
        // the leak, as everywhere left of 0. Activations are exactly 0 with probability 0, so training is unchanged.
        INDArray x = Nd4j.createFromArray(-1f, 0f, 1f);
        INDArray eps = Nd4j.createFromArray(1f, 1f, 1f);
        assertThat(new FastLeakyReLU(0.2).backprop(x.dup(), eps.dup()).getFirst().toFloatVector())
                .containsExactly(0.2f, 0.2f, 1f);
        assertThat(new ActivationLReLU(0.2).backprop(x.dup(), eps.dup()).getFirst().toFloatVector())
                .containsExactly(0.2f, 1f, 1f);
        assertThat(new FastReLU().backprop(x.dup(), eps.dup()).getFirst().toFloatVector()).containsExactly(0f, 0f, 1f);
    }

    private static FastReLU withCap() {
        try {
            FastReLU relu = new FastReLU();
            java.lang.reflect.Field max = ActivationReLU.class.getDeclaredField("max");
            max.setAccessible(true);
            max.set(relu, 6.0);
            java.lang.reflect.Field threshold = ActivationReLU.class.getDeclaredField("threshold");
            threshold.setAccessible(true);
            threshold.set(relu, 0.0);
            java.lang.reflect.Field slope = ActivationReLU.class.getDeclaredField("negativeSlope");
            slope.setAccessible(true);
            slope.set(relu, 0.0);
            return relu;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void compare(IActivation stock, IActivation fast, INDArray x, INDArray eps, String what) {
        assertClose(fast.getActivation(x.dup(), true), stock.getActivation(x.dup(), true), what + " forward");
        assertClose(fast.backprop(x.dup(), eps.dup()).getFirst(), stock.backprop(x.dup(), eps.dup()).getFirst(),
                what + " backward");
    }

    @Test
    void dcganInstallsTheFastLayersEverywhereTheyApply() {
        Dcgan gan = Dcgan.create(TINY);
        int batchnorms = 0;
        int leaky = 0;
        int relu = 0;
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {gan.generator(), gan.discriminator(), gan.copyOfGenerator()}) {
            for (Layer layer : net.getLayers()) {
                if (layer instanceof BatchNormalization bn) {
                    assertThat(FastLayers.usesChannelBatchNorm(bn)).as(name(layer)).isTrue();
                    batchnorms++;
                }
                IActivation fn = activation(layer);
                if (fn instanceof ActivationLReLU) {
                    assertThat(fn).as(name(layer)).isInstanceOf(FastLeakyReLU.class);
                    leaky++;
                }
                if (fn instanceof ActivationReLU) {
                    assertThat(fn).as(name(layer)).isInstanceOf(FastReLU.class);
                    relu++;
                }
            }
        }
        // 16x16: G has bn0, bn1 and relu0, relu1 (twice, with its copy); D has conv1's and lrelu2's LeakyReLU and bn2.
        assertThat(batchnorms).isEqualTo(2 + 1 + 2);
        assertThat(relu).isEqualTo(2 + 2);
        assertThat(leaky).isEqualTo(2);
        assertThat(FastLayers.install(gan.discriminator())).as("a second install changes nothing").isZero();
        for (Layer layer : gan.discriminator().getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer conv) {
                assertThat(conv.getHelper()).as(name(layer)).isInstanceOf(PartialGradientConvHelper.class);
            }
        }
        assertThat(FastLayers.inputGradientsOnly(gan.discriminator(), false)).as("conv1, conv2").isEqualTo(2);
        assertThat(FastLayers.inputGradientsOnly(gan.generator(), false)).as("deconvolutions have no helper").isZero();
    }

    @Test
    void inputGradientsOnlyGivesTheSameInputGradientAndLeavesDsGradientAlone() {
        MultiLayerNetwork d = Dcgan.create(TINY).discriminator();
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5), 8, 1, 16, 16).muli(2).subi(1);
        INDArray labels = Nd4j.ones(DataType.FLOAT, 8, 1);
        INDArray full = d.calculateGradients(x, labels, null, null).getSecond().dup();
        INDArray gradientBefore = d.getGradientsViewArray().dup();
        INDArray weightGradient = d.getLayer(0).getGradientsViewArray().dup();

        FastLayers.inputGradientsOnly(d, true);
        INDArray partial;
        try {
            // Another batch first, so that a stale gradient would show.
            INDArray other = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(6), 8, 1, 16, 16);
            d.calculateGradients(other, labels, null, null);
            assertThat(d.getLayer(0).getGradientsViewArray()).as("conv1's weight gradient is not recomputed")
                    .isEqualTo(weightGradient);
            partial = d.calculateGradients(x, labels, null, null).getSecond();
        } finally {
            FastLayers.inputGradientsOnly(d, false);
        }
        assertClose(partial, full, "dLoss/dx through D");
        assertThat(gradientBefore.length()).isEqualTo(d.getGradientsViewArray().length());
        d.calculateGradients(x, labels, null, null);
        assertClose(d.getGradientsViewArray(), gradientBefore, "D's gradient with the mode off again");
    }

    @Test
    void trainingWithTheFastLayersFollowsTheStockNetworks() {
        Dcgan fast = Dcgan.create(TINY);
        Dcgan stock = withoutFastLayers(() -> Dcgan.create(TINY));
        assertThat(activation(stock.discriminator().getLayer(0))).isExactlyInstanceOf(ActivationLReLU.class);
        assertThat(((BatchNormalization) stock.generator().getLayer(1)).getHelper())
                .isInstanceOf(MKLDNNBatchNormHelper.class);
        assertThat(FastLayers.inputGradientsOnly(stock.discriminator(), false)).isZero();
        assertThat(fast.generator().params().equals(stock.generator().params())).isTrue();

        trainBothWays(fast, stock, 3);
    }

    @Test
    void atSixtyFourPixelsTheSmallOutputDeconvolutionsFollowTheStockNetworks() {
        // 64x64x3 with narrow layers: G's output layer and D's first input gradient (from 4 channels at 32x32
        // to 3 at 64x64) take SmallOutputDeconvolution in the fast networks.
        DcganConfig wide = new DcganConfig(64, 3, 4, 4, 4, 4, 2e-4, 0.5, io.dcganexplorer.core.latent.LatentDistribution.UNIFORM, 5);
        Dcgan fast = Dcgan.create(wide);
        Dcgan stock = withoutFastLayers(() -> Dcgan.create(wide));
        trainBothWays(fast, stock, 2);
    }

    private static void trainBothWays(Dcgan fast, Dcgan stock, int steps) {
        DcganConfig config = fast.config();
        DcganTrainer fastTrainer = new DcganTrainer(fast);
        DcganTrainer stockTrainer = new DcganTrainer(stock);
        for (int step = 0; step < steps; step++) {
            // Seeded Java floats: Nd4j.rand with getNewRandomInstance(step) drew other images on every run
            // (first-step lossD 1.58, 1.42, 1.50 and 1.36 in four runs), so each run met a new input and some
            // inputs failed. Fixed images make the test give the same numbers every time, idle or loaded.
            java.util.SplittableRandom random = new java.util.SplittableRandom(1000L * config.imageSize() + step);
            float[] pixels = new float[config.batchSize() * config.channels() * config.imageSize()
                    * config.imageSize()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) (random.nextDouble() * 2 - 1);
            }
            INDArray real = Nd4j.create(pixels, new long[] {config.batchSize(), config.channels(),
                config.imageSize(), config.imageSize()}, 'c');
            var a = fastTrainer.step(real);
            var b = stockTrainer.step(real);
            assertThat(a.lossD()).isCloseTo(b.lossD(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(a.lossG()).isCloseTo(b.lossG(), org.assertj.core.api.Assertions.within(1e-4));
        }
        // Parameters include batchnorm's running mean and variance. Adam moves a parameter by +-lr at its first
        // update whatever the size of its gradient (m / sqrt(v) = g / |g|), and by about lr at later ones: a
        // gradient near zero whose sign rests on the last bit of a sum (the fast and stock layers add in other
        // orders) puts the two networks up to 2 lr apart in that parameter per step. Measured over eight inputs
        // at 64x64: up to 1.4e-4 after two steps, over the relative 1e-4 the other checks use.
        double adamSlack = 2 * config.learningRate() * steps;
        assertClose(fast.generator().params(), stock.generator().params(), "G after " + steps + " steps", adamSlack);
        assertClose(fast.discriminator().params(), stock.discriminator().params(), "D after " + steps + " steps",
                adamSlack);
        INDArray z = Nd4j.rand(DataType.FLOAT, 5, config.nz());
        assertClose(fast.generate(z), stock.generate(z), "G(z) in inference mode");
    }

    @Test
    void deconvolutionLayersAreReplacedEverywhereAndBackpropLikeDl4js() {
        MultiLayerNetwork stock = GeneratorFactory.create(TINY);
        MultiLayerNetwork fast = stock.clone();
        FastLayers.install(fast);
        int replaced = 0;
        for (int i = 0; i < fast.getnLayers(); i++) {
            Layer layer = fast.getLayer(i);
            if (layer instanceof org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer) {
                assertThat(layer).isInstanceOf(OutputReusingDeconvolution2DLayer.class);
                assertThat(fast.getLayer(layer.conf().getLayer().getLayerName())).isSameAs(layer);
                replaced++;
            }
        }
        assertThat(replaced).as("both deconvolutions of the 16x16 G, the Tanh output among them").isEqualTo(2);

        INDArray z = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 6, TINY.nz());
        INDArray eps = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(4), 6, 1, 16, 16).subi(0.5);
        for (int round = 0; round < 2; round++) {
            for (MultiLayerNetwork g : new MultiLayerNetwork[] {stock, fast}) {
                g.setInput(z);
                g.feedForward(true, false);
                g.backpropGradient(eps, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
            }
            assertClose(fast.getGradientsViewArray(), stock.getGradientsViewArray(), "G's gradient, round " + round);
            // The second round starts from other weights (through the network's parameter array, which the
            // replaced layers must still view), so a kept output from round one, or a detached view, would show.
            stock.params().muli(1.5);
            fast.params().muli(1.5);
        }
    }

    @Test
    void aLoadedGeneratorKeepsItsAdamStateAndItsLearningRateCanChange() throws IOException {
        Dcgan trained = Dcgan.create(TINY);
        new DcganTrainer(trained).step(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(8), 8, 1, 16, 16));
        INDArray adam = trained.generator().getUpdater().getStateViewArray().dup();
        assertThat(adam.amaxNumber().doubleValue()).as("one step leaves Adam moments").isPositive();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(trained.generator(), bytes, true);
        // Loading makes the updater before FastLayers replaces the deconvolution layers, as ModelBundle does.
        MultiLayerNetwork g = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        FastLayers.install(g);
        assertThat(g.getUpdater().getStateViewArray()).isEqualTo(adam);
        g.setLearningRate(1e-4);
        assertThat(g.getUpdater().getStateViewArray()).isEqualTo(adam);
    }

    @Test
    void aSavedNetworkWithFastLayersLoadsAndComputesTheSame() throws IOException {
        MultiLayerNetwork d = DiscriminatorFactory.create(TINY);
        FastLayers.install(d);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(d, bytes, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(activation(restored.getLayer(0))).isInstanceOf(FastLeakyReLU.class);
        FastLayers.install(restored);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 16, 16);
        assertClose(restored.output(x, false), d.output(x, false), "D(x) after a round trip");

        MultiLayerNetwork g = GeneratorFactory.create(TINY);
        assertThat(FastLayers.install(g)).as("relu0, relu1, bn0, bn1, deconv0, deconv1").isEqualTo(6);
    }

    private static Dcgan withoutFastLayers(Supplier<Dcgan> build) {
        String previous = System.getProperty(Accel.PROPERTY);
        System.setProperty(Accel.PROPERTY, "off");
        try {
            return build.get();
        } finally {
            if (previous == null) {
                System.clearProperty(Accel.PROPERTY);
            } else {
                System.setProperty(Accel.PROPERTY, previous);
            }
        }
    }

    private static IActivation activation(Layer layer) {
        return FastLayers.activationOf(layer.conf().getLayer());
    }

    private static String name(Layer layer) {
        return layer.conf().getLayer().getLayerName();
    }

    private static void assertClose(INDArray actual, INDArray expected, String what) {
        assertClose(actual, expected, what, 0);
    }

    /** Within 1e-4 of the largest expected value, or within {@code slack} where that is larger. */
    private static void assertClose(INDArray actual, INDArray expected, String what, double slack) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double error = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(error).as(what + ": largest difference against a largest value of " + scale)
                .isLessThan(Math.max(1e-4 * scale, slack));
    }
}
