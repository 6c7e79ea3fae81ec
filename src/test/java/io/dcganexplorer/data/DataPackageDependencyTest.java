package io.dcganexplorer.data;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules in package-info: no JavaFX at all, and ND4J/DL4J only where data becomes a tensor. */
class DataPackageDependencyTest {

    private static JavaClasses dataClasses;

    @BeforeAll
    static void importDataPackage() {
        dataClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dcganexplorer.data");
    }

    @Test
    void dataPackageNeverUsesJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..").check(dataClasses);
    }

    @Test
    void onlyBatchIteratorUsesNd4jOrDl4j() {
        noClasses().that().doNotHaveSimpleName("BatchIterator")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .check(dataClasses);
    }
}
