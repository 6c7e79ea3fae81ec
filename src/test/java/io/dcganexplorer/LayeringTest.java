package io.dcganexplorer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.app.common.ActivityPane;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules: the app and the CLI are two thin fronts on one JavaFX-free core; no package cycles; every
 * speed-up, with the reflection it takes, in {@code accel}, which the core reaches through {@link Accel} alone.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dcganexplorer");
    }

    @Test
    void coreDataRunAndCliNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage("io.dcganexplorer.core..", "io.dcganexplorer.data..",
                        "io.dcganexplorer.run..", "io.dcganexplorer.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                        "io.dcganexplorer.app..")
                .because("the core must run headless (CLI, CI, a GPU server) and be testable without a toolkit")
                .check(classes);
    }

    @Test
    void theCoreDoesNotKnowAboutRunsOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("io.dcganexplorer.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dcganexplorer.run..", "io.dcganexplorer.cli..",
                        "picocli..")
                .check(classes);
    }

    @Test
    void dataLoadersDoNotDependOnTheModel() {
        noClasses().that().resideInAnyPackage("io.dcganexplorer.data..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dcganexplorer.core..", "io.dcganexplorer.run..",
                        "io.dcganexplorer.cli..")
                .check(classes);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("io.dcganexplorer.(**)").should().beFreeOfCycles()
                .because("arrows that point one way let a reader start at the bottom and a change stay local")
                .check(classes);
    }

    @Test
    void onlyAccelReflectsOnLibraryInternals() {
        noClasses().that().resideOutsideOfPackage("io.dcganexplorer.accel")
                .should().dependOnClassesThat().belongToAnyOf(Field.class, Method.class, Constructor.class,
                        AccessibleObject.class)
                .orShould().callMethod(Class.class, "getDeclaredField", String.class)
                .orShould().callMethod(Class.class, "getDeclaredFields")
                .orShould().callMethod(Class.class, "getDeclaredMethod", String.class, Class[].class)
                .orShould().callMethod(Class.class, "getDeclaredMethods")
                .because("reaching into DL4J's private fields breaks with its next version: one package does it, "
                        + "warns when it fails, and can be switched off (dcgan.accel=off)")
                .check(classes);
    }

    @Test
    void onlyAccelTouchesNd4jsNativeBindings() {
        noClasses().that().resideOutsideOfPackages("io.dcganexplorer.accel", "org.nd4j.nativeblas")
                .should().dependOnClassesThat().resideInAPackage("org.nd4j.nativeblas")
                .because("the org.nd4j.nativeblas.Nd4jCpu shim only exists for DL4J's oneDNN lookup, which accel "
                        + "sets up")
                .check(classes);
    }

    @Test
    void theCoreReachesTheSpeedUpsThroughAccelAlone() {
        noClasses().that().resideInAnyPackage("io.dcganexplorer.core..", "io.dcganexplorer.data..")
                .should().dependOnClassesThat(resideInAPackage("io.dcganexplorer.accel")
                        .and(not(belongToAnyOf(Accel.class))))
                .because("the GAN step says what a backward pass needs; which kernels run is accel's business")
                .check(classes);
    }

    @Test
    void accelDependsOnNothingElseOfTheApp() {
        noClasses().that().resideInAPackage("io.dcganexplorer.accel")
                .should().dependOnClassesThat().resideInAnyPackage("io.dcganexplorer.core..", "io.dcganexplorer.data..",
                        "io.dcganexplorer.run..", "io.dcganexplorer.cli..", "io.dcganexplorer.app..",
                        "io.dcganexplorer.bench..")
                .check(classes);
    }

    /** The packages that hold an activity (a class implementing ActivityPane), found, not listed. */
    private static List<String> panePackages() {
        return classes.stream().filter(c -> c.isAssignableTo(ActivityPane.class) && !c.isInterface())
                .map(JavaClass::getPackageName).filter(p -> !p.equals("io.dcganexplorer.app")).distinct().sorted()
                .toList();
    }

    @Test
    void panesNeverImportEachOther() {
        List<String> panes = panePackages();
        assertThat(panes).contains("io.dcganexplorer.app.walk", "io.dcganexplorer.app.train",
                "io.dcganexplorer.app.probe");
        for (String pane : panes) {
            String[] others = panes.stream().filter(p -> !p.equals(pane)).map(p -> p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(pane + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("what two panes share belongs in app.render, app.model or app.common")
                    .check(classes);
        }
    }

    @Test
    void theSharedAppPackagesNeverDependOnAPane() {
        String[] panes = panePackages().stream().map(p -> p + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage("io.dcganexplorer.app.common..", "io.dcganexplorer.app.model..",
                        "io.dcganexplorer.app.render..")
                .should().dependOnClassesThat().resideInAnyPackage(panes)
                .check(classes);
    }
}
