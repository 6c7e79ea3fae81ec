package io.dcganexplorer.app;

import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.ablation.AblationPane;
import io.dcganexplorer.app.ablation.AblationViewModel;
import io.dcganexplorer.app.arithmetic.ArithmeticPane;
import io.dcganexplorer.app.arithmetic.ArithmeticViewModel;
import io.dcganexplorer.app.common.LatentHandoff;
import io.dcganexplorer.app.probe.ProbePane;
import io.dcganexplorer.app.probe.ProbeViewModel;
import io.dcganexplorer.app.project.ProjectPane;
import io.dcganexplorer.app.project.ProjectViewModel;
import io.dcganexplorer.run.QualitySource;
import io.dcganexplorer.app.train.TrainPane;
import io.dcganexplorer.app.train.TrainViewModel;
import io.dcganexplorer.app.walk.WalkPane;
import io.dcganexplorer.app.walk.WalkViewModel;
import java.util.List;

/** The one place where activities are registered, in tab order. A new pane adds one line here. */
public final class Activities {

    private Activities() {
    }

    public static List<ActivityPane> create(AppContext context) {
        TrainViewModel train = new TrainViewModel(context.trainServices());
        train.setQuality(QualitySource.inFolder(context.modelsRoot()),
                TrainViewModel.QUALITY_EVERY, TrainViewModel.QUALITY_SAMPLES);
        WalkViewModel walk = new WalkViewModel(context.background(), context.errors(), context.models());
        ArithmeticViewModel arithmetic = new ArithmeticViewModel(context.background(), context.errors(),
                context.models(), context.evaluatorsRoot());
        AblationViewModel ablation = AblationViewModel.create(context.background(), context.errors(), context.models(),
                context.evaluatorsRoot());
        // Panes never import each other: a z travels between them through the handoff, wired here.
        LatentHandoff handoff = context.latentHandoff();
        handoff.register(LatentHandoff.Target.WALK, d -> walk.receiveZ(d.z(), d.label()));
        handoff.register(LatentHandoff.Target.ARITHMETIC_EXEMPLAR, d -> arithmetic.receiveExemplar(d.z(), d.label()));
        handoff.register(LatentHandoff.Target.ABLATE, d -> ablation.receiveZ(d.z(), d.label()));
        return List.of(new TrainPane(train),
                new WalkPane(walk),
                new ArithmeticPane(arithmetic),
                new AblationPane(ablation),
                new ProbePane(ProbeViewModel.create(context.background(), context.errors(), context.models())),
                new ProjectPane(ProjectViewModel.create(context.background(), context.errors(), context.models(),
                        context.latentHandoff())));
    }
}
