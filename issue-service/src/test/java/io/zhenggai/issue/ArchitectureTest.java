package io.zhenggai.issue;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The arrows between the packages of issue-service point one way, as DESIGN.md draws them:
 * <pre>
 *   api ──▶ supervision (reminders, inbox, webhooks) ──▶ ledger, journal
 *   api ──▶ ledger (domain, its exceptions, the import's database work) ──▶ journal
 *    │        │                                                        └──▶ importing (pure parsing) ──▶ figures
 *    │        └──▶ figures (units, quantities)
 *    └──▶ evidence ──▶ ledger, journal   (beside the ledger: the ledger reaches evidence only through the
 *                                         EvidenceCatalogue interface it owns)
 * </pre>
 * The domain knows nothing of HTTP: only {@code api} maps its refusals to statuses.
 */
class ArchitectureTest {

    static final String ROOT = "io.zhenggai.issue";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void shouldKeepHttpInTheApiPackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".api..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .because("the API calls the domain, never the other way round")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "io.vertx.ext.web..")
                .because("only the API knows HTTP")
                .check(classes);
    }

    @Test
    void shouldKeepFiguresFreeOfEveryOtherPackage() {
        noClasses().that().resideInAPackage(ROOT + ".figures..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".ledger..",
                        ROOT + ".journal..", ROOT + ".importing..")
                .check(classes);
    }

    @Test
    void shouldKeepImportingToPureParsingOverFigures() {
        noClasses().that().resideInAPackage(ROOT + ".importing..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".ledger..",
                        ROOT + ".journal..", "jakarta.persistence..", "jakarta.transaction..")
                .because("the import's database work lives in ledger")
                .check(classes);
    }

    @Test
    void shouldKeepTheJournalBelowTheLedger() {
        noClasses().that().resideInAPackage(ROOT + ".journal..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".ledger..",
                        ROOT + ".importing..")
                .check(classes);
    }

    @Test
    void shouldKeepEvidenceBesideTheLedgerAndBelowTheApi() {
        noClasses().that().resideInAPackage(ROOT + ".evidence..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".importing..")
                .because("evidence is called by the API and uses the ledger, never the other way round")
                .check(classes);
        noClasses().that().resideInAnyPackage(ROOT + ".ledger..", ROOT + ".journal..", ROOT + ".importing..",
                        ROOT + ".figures..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".evidence..")
                .because("the ledger reaches evidence through the EvidenceCatalogue it owns")
                .check(classes);
    }

    @Test
    void shouldKeepSupervisionBesideTheLedgerAndBelowTheApi() {
        noClasses().that().resideInAnyPackage(ROOT + ".ledger..", ROOT + ".journal..", ROOT + ".importing..",
                        ROOT + ".figures..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".supervision..")
                .because("reminders, the inbox and webhooks use the ledger and the journal, never the reverse")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".supervision..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".importing..")
                .check(classes);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
