package io.dcganexplorer.app.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.core.probe.ProbeExperiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Probe view model without the toolkit, on a tiny random model and four synthetic shape classes. */
class ProbeViewModelTest {

    @TempDir
    Path dir;

    private final RecordingErrors errors = new RecordingErrors();

    @Test
    void aRunFillsTheTableTheConfusionMatrixAndTheNeighbours() throws Exception {
        ProbeFixtures.writeModel(dir, "tiny", 1);
        ProbeViewModel vm = ProbeFixtures.viewModel(dir, errors);
        assertThat(vm.modelProperty().get()).isNotNull();
        assertThat(vm.unsupportedProperty().get()).isEmpty();
        ProbeFixtures.smallCaps(vm);
        List<Double> fractions = new ArrayList<>();
        vm.progressProperty().addListener((o, a, b) -> fractions.add(b.doubleValue()));

        vm.run();

        assertThat(errors.messages).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(ProbeExperiment.Row::features).containsExactly(
                ProbeExperiment.FeatureSet.TRAINED_D, ProbeExperiment.FeatureSet.RANDOM_D,
                ProbeExperiment.FeatureSet.PIXELS, ProbeExperiment.FeatureSet.KMEANS);
        assertThat(vm.gapNoteProperty().get()).contains("McNemar p =");
        // Both networks' units, each with its top images and as many guided-backprop maps.
        assertThat(vm.units()).extracting(ProbeViewModel.UnitRow::network).contains("trained D", "random-init D");
        assertThat(vm.units()).allSatisfy(u -> {
            assertThat(u.images()).hasSize(ProbeViewModel.UNIT_TOP);
            assertThat(u.maps()).hasSize(ProbeViewModel.UNIT_TOP);
        });
        assertThat(vm.rows()).allSatisfy(r -> {
            assertThat(r.allLabels().accuracy()).isBetween(0.0, 1.0);
            assertThat(r.fewLabelAccuracies()).hasSize(1);
        });
        assertThat(vm.resultProperty().get().trainImages()).isEqualTo(60);
        assertThat(vm.classNames()).hasSize(4);
        assertThat(vm.selectedRowProperty().get()).isSameAs(vm.rows().get(0));
        int[][] confusion = vm.confusion();
        assertThat(confusion).hasDimensions(4, 4);
        int total = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                total += v;
            }
        }
        assertThat(total).isEqualTo(40);
        vm.selectedRowProperty().set(vm.rows().get(2));
        assertThat(vm.confusion()).isEqualTo(vm.rows().get(2).allLabels().confusion());

        assertThat(vm.neighbours()).hasSize(ProbeViewModel.SAMPLES);
        assertThat(vm.neighbours()).allSatisfy(n -> {
            assertThat(n.sample().width()).isEqualTo(16);
            assertThat(n.pixel()).hasSize(ProbeViewModel.NEIGHBOURS);
            assertThat(n.feature()).hasSize(ProbeViewModel.NEIGHBOURS);
            assertThat(n.pixelDistances()).hasSize(ProbeViewModel.NEIGHBOURS).isSorted();
            assertThat(n.featureDistances()).hasSize(ProbeViewModel.NEIGHBOURS).isSorted();
        });
        assertThat(fractions).isNotEmpty();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.messageProperty().get()).startsWith("Done");
    }

    @Test
    void aModelOfAnotherShapeGetsAMessageNamingItsShapeAndDoesNotRun() throws Exception {
        ProbeFixtures.writeModel(dir, "rgb", 3);
        ProbeViewModel vm = ProbeFixtures.viewModel(dir, errors);
        assertThat(vm.unsupportedProperty().get()).contains("labelled data set", "shapes, 16x16x1", "16x16x3");
        vm.run();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get()).contains("16x16x3");
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void cancellingStopsTheRunWithoutAnError() throws Exception {
        ProbeFixtures.writeModel(dir, "tiny", 1);
        // Work is held until the test cancels, then run on the calling thread.
        List<Runnable> pending = new ArrayList<>();
        TaskExecutor deferred = new TaskExecutor() {
            @Override
            public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
                pending.add(() -> TaskExecutor.currentThread().submit(work, onSuccess, onFailure));
            }

            @Override
            public void runOnUi(Runnable action) {
                action.run();
            }

            @Override
            public void shutdown() {
            }
        };
        ModelService models = new ModelService(TaskExecutor.currentThread(), errors, (period, task) -> () -> { },
                dir, dir.resolve("no-runs"));
        ProbeViewModel vm = new ProbeViewModel(deferred, errors, models, ProbeFixtures.shapes());
        ProbeFixtures.smallCaps(vm);
        assertThat(vm.activityProperty().get()).as("nothing for the status bar before a run").isEmpty();
        vm.run();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.activityProperty().get()).isEqualTo("Probe on tiny: Opening the labelled data (0%)");
        vm.cancel();
        pending.forEach(Runnable::run);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.activityProperty().get()).isEmpty();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Cancelled.");
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void aBadCGridIsReportedAndNothingRuns() throws Exception {
        ProbeFixtures.writeModel(dir, "tiny", 1);
        ProbeViewModel vm = ProbeFixtures.viewModel(dir, errors);
        vm.cGridProperty().set("1e-3, x");
        vm.run();
        assertThat(vm.messageProperty().get()).contains("'x' is not a number");
        assertThat(vm.rows()).isEmpty();
        assertThat(ProbeViewModel.parseGrid("1e-4, 1e-3 0.01")).containsExactly(1e-4, 1e-3, 0.01);
        assertThatThrownBy(() -> ProbeViewModel.parseGrid("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void switchingModelsClearsTheOldModelsResults() throws Exception {
        ProbeFixtures.writeModel(dir, "tiny", 1);
        ProbeFixtures.writeModel(dir, "tiny2", 1);
        ProbeViewModel vm = ProbeFixtures.viewModel(dir, errors);
        ModelService models = vm.models();
        models.open(models.choices().stream().filter(c -> c.name().equals("tiny")).findFirst().orElseThrow());
        ProbeFixtures.smallCaps(vm);
        vm.run();
        assertThat(vm.rows()).isNotEmpty();

        models.open(models.choices().stream().filter(c -> c.name().equals("tiny2")).findFirst().orElseThrow());

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.neighbours()).isEmpty();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.modelProperty().get().source().name()).isEqualTo("tiny2");
    }
}
