package io.zhenggai.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The arrows of report-service's newer packages point one way, as DESIGN.md draws them:
 * <pre>
 *   api, web ──▶ bulletin ──▶ query, indicator, projection   (the bulletin: a model built from the answers, renderers)
 * </pre>
 * The HTTP layers — {@code api} (JSON) and {@code web} (the pages) — sit on top: nothing below knows them, and the
 * pages reach the domain only through the API's resources and the read services, never the intake's or the replay's
 * machinery. The bulletin knows nothing of HTTP and has its own exceptions, which only {@code api} maps to statuses;
 * nothing but {@code api} calls it.
 * <p>
 * The write side (issue 16):
 * <pre>
 *   replay ──▶ intake ──▶ store (generations, the switch lock, side effects, "projections changed")
 *      │          ▲
 *      └──▶ projection (implements intake's Projection) ──▶ store
 * </pre>
 * The intake knows neither the replay nor the projections (it applies whatever {@code Projection}s there are), the
 * store knows nothing of the report's other packages, and no packages import each other in a cycle. The read side:
 * <pre>
 *   api, web, bulletin, ledger ──▶ query (ReportQueries, DrillThrough) ──▶ indicator ──▶ projection
 *                                          └──────────────────────────────────────────▲
 * </pre>
 * The projections (and the vocabulary they store: IssueStatus, WarningLevel) know nothing of indicators; indicators
 * evaluate over the projections' facts; the answers that combine both live in {@code query}. The issues in memory
 * ({@code memory}, issue 16) sit between the readers and the projections: {@code query} and {@code indicator} count
 * with them; they read the projections' tables and the store's change feed, and know nothing of who reads them.
 */
class ArchitectureTest {

    static final String ROOT = "io.zhenggai.report";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void shouldKeepTheBulletinBelowTheApiAndFreeOfHttp() {
        noClasses().that().resideInAPackage(ROOT + ".bulletin..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".intake..",
                        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx..")
                .because("the API calls the bulletin, never the other way round, and only the API knows HTTP")
                .check(classes);
    }

    @Test
    void shouldLetOnlyTheApiCallTheBulletin() {
        classes().that().resideInAPackage(ROOT + ".bulletin..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT + ".bulletin..", ROOT + ".api..")
                .because("the bulletin reads the projections and indicators; they know nothing of it")
                .check(classes);
    }

    @Test
    void shouldKeepTheBulletinsPartsPure() {
        noClasses().that().resideInAPackage(ROOT + ".bulletin..").and().haveSimpleNameNotEndingWith("Service")
                .and().haveSimpleNameNotEndingWith("Store")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "jakarta.transaction..",
                        "jakarta.inject..", "jakarta.enterprise..")
                .because("the model, its assembler and its renderers are pure: the service reads, the store writes")
                .check(classes);
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
    void shouldKeepHttpAndTemplatesInTheHttpLayers() {
        noClasses().that().resideInAnyPackage(ROOT + ".projection..", ROOT + ".indicator..", ROOT + ".intake..",
                        ROOT + ".replay..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "io.quarkus.qute..")
                .check(classes);
        noClasses().that().resideInAnyPackage(ROOT + ".projection..", ROOT + ".indicator..", ROOT + ".intake..",
                        ROOT + ".replay..", ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".web..")
                .because("the domain has its own exceptions (IndicatorRefusal …); only the API maps them to statuses")
                .check(classes);
    }

    // the Excel ledger (整改台账): api → ledger → projection; the workbooks know no HTTP, the projections no workbooks
    @Test
    void shouldLetOnlyTheApiAndThePagesCallTheLedgerWorkbooks() {
        classes().that().resideInAPackage(ROOT + ".ledger..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT + ".ledger..", ROOT + ".api..",
                        ROOT + ".web..")
                .check(classes);
    }

    @Test
    void shouldKeepTheLedgerWorkbooksFreeOfHttpAndPoiInTheLedgerOnly() {
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

    @Test
    void shouldKeepTheIntakeFreeOfTheReplayAndTheProjections() {
        noClasses().that().resideInAPackage(ROOT + ".intake..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".replay..", ROOT + ".projection..",
                        ROOT + ".indicator..", ROOT + ".bulletin..", ROOT + ".ledger..", ROOT + ".api..",
                        ROOT + ".web..")
                .because("the replay drives the intake's applier and the projections plug into it, not the other way")
                .check(classes);
    }

    @Test
    void shouldKeepTheMemoryBelowItsReaders() {
        noClasses().that().resideInAPackage(ROOT + ".memory..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".query..", ROOT + ".indicator..",
                        ROOT + ".bulletin..", ROOT + ".ledger..", ROOT + ".api..", ROOT + ".web..", ROOT + ".intake..",
                        ROOT + ".replay..", "jakarta.ws.rs..")
                .because("the memory counts what the projections hold; the answers are built above it")
                .check(classes);
    }

    @Test
    void shouldKeepTheStoreAtTheBottom() {
        noClasses().that().resideInAPackage(ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".intake..", ROOT + ".replay..",
                        ROOT + ".projection..", ROOT + ".indicator..", ROOT + ".bulletin..", ROOT + ".ledger..",
                        ROOT + ".api..", ROOT + ".web..")
                .check(classes);
    }

    @Test
    void shouldHaveNoPackagesThatImportEachOther() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
