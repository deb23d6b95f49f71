package io.zhenggai.issue.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.zhenggai.issue.figures.ParseContext;
import io.zhenggai.issue.figures.Qualifier;
import io.zhenggai.issue.figures.Quantity;
import io.zhenggai.issue.figures.QuantityException;
import io.zhenggai.issue.figures.QuantityOutOfBoundsException;
import io.zhenggai.issue.figures.QuantityParser;

/** Turns the figures of a request into readings, through the one quantity parser. */
public final class Readings {

    private Readings() {
    }

    public static List<Reading> of(List<IssueRequests.ReadingInput> inputs) {
        List<Reading> readings = new ArrayList<>();
        if (inputs == null) {
            return readings;
        }
        for (int i = 0; i < inputs.size(); i++) {
            readings.add(of(inputs.get(i), "readings[" + i + "]"));
        }
        return readings;
    }

    private static Reading of(IssueRequests.ReadingInput input, String field) {
        ParseContext context = ParseContext.DEFAULT;
        if (Boolean.TRUE.equals(input.money())) {
            context = context.withMoney();
        }
        if (Boolean.TRUE.equals(input.change())) {
            context = context.withChange();
        }
        if (Boolean.TRUE.equals(input.forecast())) {
            context = context.withForecast();
        }
        if (Boolean.TRUE.equals(input.exceeding())) {
            context = context.withExceeding();
        }
        if (input.qualifier() != null && !"EXACT".equals(input.qualifier())) {
            context = context.withQualifier(Qualifier.valueOf(input.qualifier()));
        }
        boolean asText = input.quantity() != null && !input.quantity().isBlank();
        boolean asValue = input.value() != null || input.unit() != null;
        if (asText == asValue) {
            throw LedgerException.invalid(field + ".quantity",
                    "give the quantity either as text (\"3.1亿元\") or as value and unit, not both and not neither");
        }
        if (asValue && (input.value() == null || input.unit() == null || input.unit().isBlank())) {
            throw LedgerException.invalid(field + (input.value() == null ? ".value" : ".unit"),
                    "a quantity given as value and unit needs both");
        }
        Quantity quantity = parse(asText ? input.quantity() : null, input, context,
                field + (asText ? ".quantity" : ".unit"), field + (asText ? ".quantity" : ".value"));
        Reading.RateParts parts = null;
        if (input.parts() != null) {
            Quantity numerator = parse(input.parts().numerator(), null, ParseContext.DEFAULT,
                    field + ".parts.numerator", field + ".parts.numerator");
            Quantity denominator = parse(input.parts().denominator(), null, ParseContext.DEFAULT,
                    field + ".parts.denominator", field + ".parts.denominator");
            if (!numerator.unit().equals(denominator.unit())) {
                throw LedgerException.invalid(field + ".parts", "the parts of a rate must have the same unit, not "
                        + numerator.unit().symbol() + " and " + denominator.unit().symbol());
            }
            parts = new Reading.RateParts(numerator.value(), denominator.value(), numerator.unit().symbol());
        }
        Map<String, String> dimensions = input.dimensions() == null ? Map.of() : new TreeMap<>(input.dimensions());
        String source = input.sourceText() != null ? input.sourceText() : quantity.sourceText();
        return new Reading(input.metric(), dimensions, quantity.value(), quantity.unit().symbol(),
                quantity.kind().name(), quantity.qualifier().name(), quantity.forecast(), quantity.change(),
                quantity.statedValue(), quantity.statedUnit(), quantity.display(), null, source, parts);
    }

    /** A number no real figure needs, named: the whole request or bulletin carrying it is refused. */
    static LedgerException outOfBounds(String field, QuantityOutOfBoundsException e) {
        return LedgerException.invalid("quantity-out-of-bounds", "Quantity out of bounds", field,
                e.getMessage() + " (" + e.offendingText() + ")");
    }

    /** A reading from a quantity the bulletin parser has already read. */
    public static Reading of(String metric, Map<String, String> dimensions, Quantity quantity, String phrase,
                             String sourceText, Reading.RateParts parts) {
        return new Reading(metric, new TreeMap<>(dimensions), quantity.value(), quantity.unit().symbol(),
                quantity.kind().name(), quantity.qualifier().name(), quantity.forecast(), quantity.change(),
                quantity.statedValue(), quantity.statedUnit(), quantity.display(), phrase, sourceText, parts);
    }

    /** A reading the importer's reader found in a text, with the parts of its rate when the text gives them. */
    public static Reading of(io.zhenggai.issue.importing.Reading parsed) {
        Reading.RateParts parts = null;
        io.zhenggai.issue.importing.RateParts rate = parsed.rate();
        if (rate != null && !rate.stated()) {
            String unit = null;
            String printed = rate.numerator() != null ? rate.numerator() : rate.complement();
            if (printed != null) {
                try {
                    unit = QuantityParser.parse(printed).unit().symbol();
                } catch (QuantityException | QuantityOutOfBoundsException unreadable) {
                    unit = null; // the parts' values are known; only their unit could not be re-read
                }
            }
            parts = new Reading.RateParts(rate.numeratorValue(), rate.denominatorValue(), unit);
        }
        return of(parsed.metric(), parsed.dimensions(), parsed.quantity(), parsed.phrase(), parsed.sentence(), parts);
    }

    /**
     * @param field       the field to name when the quantity cannot be read (its text, or the unit of a value)
     * @param numberField the field to name when its number is out of bounds (its text, or the value)
     */
    private static Quantity parse(String text, IssueRequests.ReadingInput input, ParseContext context, String field,
                                  String numberField) {
        try {
            return text != null ? QuantityParser.parse(text, context)
                    : QuantityParser.parse(input.value(), input.unit(), context);
        } catch (QuantityException e) {
            throw LedgerException.invalid("quantity-" + e.reason().name().toLowerCase().replace('_', '-'),
                    "Invalid quantity", field, e.getMessage());
        } catch (QuantityOutOfBoundsException e) {
            throw outOfBounds(numberField, e);
        }
    }
}
