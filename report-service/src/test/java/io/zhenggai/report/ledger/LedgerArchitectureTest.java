package io.zhenggai.report.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Where the Excel ledger sits among report-service's packages, as DESIGN.md draws them: {@code api → ledger →
 * projection (→ indicator, replay's generation binding)}. The workbooks know no HTTP; the projections know nothing of
 * workbooks.
 */
class LedgerArchitectureTest {

    static final String ROOT = "io.zhenggai.report";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void shouldBeCalledByTheApiOnly() {
        classes().that().resideInAPackage(ROOT + ".ledger..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT + ".ledger..", ROOT + ".api..",
                        ROOT + ".web..")
                .check(classes);
    }

    @Test
    void shouldReadTheProjectionsAndKnowNoHttp() {
        noClasses().that().resideInAPackage(ROOT + ".ledger..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".intake..",
                        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx.ext.web..")
                .check(classes);
        noClasses().that().resideInAnyPackage(ROOT + ".projection..", ROOT + ".indicator..", ROOT + ".intake..",
                        ROOT + ".replay..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.poi..")
                .because("only the ledger writes workbooks")
                .check(classes);
    }
}
