package io.dcganexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rule of the README: the app and the CLI are two thin fronts on one JavaFX-free core. */
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
}
