package io.zhenggai.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The arrows between report-service's packages point one way (docs/DESIGN.md): the HTTP layers — {@code api} (JSON)
 * and {@code web} (the pages) — sit on top; nothing below knows them, and the pages reach the domain only through
 * the API's own resources and the read services ({@code indicator}, {@code projection}), never the intake's or the
 * replay's machinery.
 */
class ArchitectureTest {

    private static final String ROOT = "io.zhenggai.report";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void shouldKeepThePagesOnTopWhereNothingDependsOnThem() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".web..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".web..")
                .check(classes);
    }

    @Test
    void shouldLetThePagesReadThroughTheApiAndTheReadServicesOnly() {
        classes().that().resideInAPackage(ROOT + ".web..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(ROOT + ".intake..", ROOT + ".replay..")
                .check(classes);
    }

    @Test
    void shouldKeepHttpInTheHttpLayers() {
        noClasses().that().resideInAnyPackage(ROOT + ".projection..", ROOT + ".indicator..", ROOT + ".intake..",
                        ROOT + ".replay..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "io.quarkus.qute..")
                .check(classes);
    }
}
