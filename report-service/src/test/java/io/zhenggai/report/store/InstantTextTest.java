package io.zhenggai.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast text of an instant is java.time's, both ways, on random instants and on the edges of the plain form. */
class InstantTextTest {

    @Test
    void shouldWriteAndReadAsJavaTimeDoesOnRandomInstants() {
        Random random = new Random(20261205L);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = i % 2 == 0 ? from + (long) (random.nextDouble() * (to - from))
                    : 1_600_000_000L + random.nextInt(400_000_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            String text = InstantText.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(InstantText.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void shouldLeaveEverythingButThePlainFormToJavaTime() {
        for (Instant far : List.of(Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH, Instant.ofEpochSecond(-1, 1))) {
            assertThat(InstantText.format(far)).isEqualTo(far.toString());
        }
        // java.time reads some odd forms too (lowercase, 24:00, a dot without digits, a leap second): the same
        for (String text : List.of("2026-12-04T23:38:31Z", "2026-12-04T23:38:31.1Z", "2026-12-04T23:38:31.000000001Z",
                "2026-12-04T23:38:31.123456789Z", "2024-02-29T00:00:00Z", "2026-12-04T23:59:60Z",
                "2026-12-04T23:38:31+08:00", "+12026-12-04T23:38:31Z", "2026-12-04t23:38:31z", "2026-12-04T24:00:00Z",
                "2026-12-04T23:38:31.Z", "2023-02-29T00:00:00Z", "2026-13-04T23:38:31Z", "2026-12-04T23:38:31.1234567890Z",
                "2026-12-04T23:3a:31Z", "2026-12-04 23:38:31Z", "-001-12-04T23:38:31Z", "yesterday", "")) {
            assertThat(outcome(() -> InstantText.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
        assertThatThrownBy(() -> InstantText.parse("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    /** Texts of the plain form with a character or two changed, dropped or added: the same outcome as java.time's. */
    @Test
    void shouldReadAlteredTextsAsJavaTimeDoes() {
        Random random = new Random(4L);
        String alphabet = "0123456789-:.TZtz+ a";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder(Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000)).toString());
            for (int change = 1 + random.nextInt(2); change > 0; change--) {
                int at = random.nextInt(text.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, c);
                    case 1 -> text.deleteCharAt(at);
                    default -> text.insert(at, c);
                }
            }
            String altered = text.toString();
            assertThat(outcome(() -> InstantText.parse(altered))).as(altered)
                    .isEqualTo(outcome(() -> Instant.parse(altered)));
        }
    }

    /** The instant, or the class of what was thrown. */
    private static Object outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
