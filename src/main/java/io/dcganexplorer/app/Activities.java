package io.dcganexplorer.app;

import io.dcganexplorer.app.ablation.AblationPane;
import io.dcganexplorer.app.ablation.AblationViewModel;
import io.dcganexplorer.app.arithmetic.ArithmeticPane;
import io.dcganexplorer.app.arithmetic.ArithmeticViewModel;
import io.dcganexplorer.app.probe.ProbePane;
import io.dcganexplorer.app.probe.ProbeViewModel;
import io.dcganexplorer.run.QualitySource;
import io.dcganexplorer.app.train.TrainPane;
import io.dcganexplorer.app.train.TrainViewModel;
import io.dcganexplorer.app.walk.WalkPane;
import io.dcganexplorer.app.walk.WalkViewModel;
import java.nio.file.Path;
import java.util.List;

/** The one place where activities are registered, in tab order. A new pane adds one line here. */
public final class Activities {

    private Activities() {
    }

    public static List<ActivityPane> create(AppContext context) {
        TrainViewModel train = new TrainViewModel(context.trainServices());
        train.setQuality(QualitySource.inFolder(Path.of(System.getProperty("dcganexplorer.models", "models"))),
                TrainViewModel.QUALITY_EVERY, TrainViewModel.QUALITY_SAMPLES);
        return List.of(new TrainPane(train),
                new WalkPane(new WalkViewModel(context.background(), context.errors(), context.models())),
                new ArithmeticPane(new ArithmeticViewModel(context.background(), context.errors(), context.models(),
                        ArithmeticViewModel.defaultEvaluators())),
                new AblationPane(AblationViewModel.create(context)),
                new ProbePane(ProbeViewModel.create(context)));
    }
}
