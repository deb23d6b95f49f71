package io.zhenggai.report.bulletin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.BulletinQueries;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.ReportQueries;
import io.zhenggai.report.store.InGeneration;

/**
 * Generates the progress bulletin (通报) of an inspection as it stood at a moment: reads what it prints from the
 * projections ({@link BulletinQueries}, the counts of {@link ReportQueries}, the indicators of
 * {@link IndicatorService}, the office's next-steps text), builds it ({@link BulletinAssembler}) and writes it in a
 * format. One transaction, so that every part is read from the same generation.
 */
@ApplicationScoped
@Transactional
@InGeneration
public class BulletinService {

    @Inject
    BulletinQueries queries;

    @Inject
    ReportQueries reports;

    @Inject
    IndicatorService indicators;

    @Inject
    NextStepsStore nextSteps;

    @Inject
    ReportCalendar calendar;

    /** A written bulletin: its bytes, and the model they were written from. */
    public record Document(Bulletin bulletin, BulletinFormat format, byte[] content) {
    }

    /**
     * @param asOf null: as the ledger stands now, dated today
     * @throws UnknownInspectionException when the inspection was not in the ledger at {@code asOf}
     */
    public Bulletin bulletin(UUID inspection, AsOf asOf) {
        BulletinQueries.InspectionRow row = queries.inspection(inspection, asOf).orElseThrow(() ->
                new UnknownInspectionException(inspection, asOf == null ? "no inspection " + inspection
                        : "no inspection " + inspection + " as of " + asOf.given() + " (" + asOf.basis().code() + ")"));
        LocalDate date = asOf == null ? calendar.today() : asOf.day();
        // the change of the completion rate since the end of the month before, read on the same clock
        LocalDate earlierDate = date.withDayOfMonth(1).minusDays(1);
        AsOf earlierAsOf = AsOf.date(earlierDate, asOf == null ? AsOf.Basis.EFFECTIVE : asOf.basis(), calendar.zone());
        ReportQueries.IssueCounts earlier = queries.inspection(inspection, earlierAsOf).isPresent()
                ? reports.summary(reports.scope(inspection, null, earlierAsOf)).issues() : null;
        List<BulletinInput.KeyFigure> figures = indicators.current(inspection, asOf).stream()
                .map(a -> new BulletinInput.KeyFigure(a.indicator().code(), a.indicator().definition().name(),
                        a.overall(), a.indicator().decimals()))
                .toList();
        BulletinInput input = new BulletinInput(date, row, queries.issues(inspection, asOf),
                queries.latestReports(inspection, asOf), reports.summary(reports.scope(inspection, null, asOf)).issues(),
                earlier, earlier == null ? null : earlierDate, figures, nextSteps.get(inspection).text());
        return BulletinAssembler.assemble(input);
    }

    /** The bulletin written in {@code format}. */
    public Document document(UUID inspection, AsOf asOf, BulletinFormat format) {
        Bulletin bulletin = bulletin(inspection, asOf);
        byte[] content = switch (format) {
            case MD -> MarkdownBulletin.render(bulletin).getBytes(StandardCharsets.UTF_8);
            case HTML -> HtmlBulletin.render(bulletin).getBytes(StandardCharsets.UTF_8);
            case DOCX -> WordBulletin.render(bulletin);
        };
        return new Document(bulletin, format, content);
    }

    /** Whether the inspection is in the ledger now (the office may keep a next-steps text for it). */
    public boolean exists(UUID inspection) {
        return queries.inspection(inspection, null).isPresent();
    }
}
