package io.capsim.workloads.trace.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The byte parsers against java.time, BigDecimal and Double.parseDouble. */
class AsciiTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Property(tries = 2000)
    void dateTimesMatchJavaTime(@ForAll @LongRange(min = -2_000_000_000L, max = 7_000_000_000L) long epochSecond,
            @ForAll @IntRange(max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 9) int digits,
            @ForAll boolean tee) {
        int truncated = digits == 0 ? 0 : (int) (nanos / (long) Math.pow(10, 9 - digits) * (long) Math.pow(10, 9 - digits));
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, truncated, ZoneOffset.UTC);
        String text = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'" + (tee ? "T" : " ") + "'HH:mm:ss", Locale.ROOT));
        if (digits > 0) {
            text += "." + String.format(Locale.ROOT, "%09d", truncated).substring(0, digits);
        }
        byte[] bytes = b(text);
        assertEquals(epochSecond * 1_000_000_000L + truncated, Ascii.parseDateTimeNanos(bytes, 0, bytes.length), text);
    }

    @Test
    void dateTimeOffsetsAndErrors() {
        long utc = Instant.parse("2024-05-12T00:00:00.001163Z").getEpochSecond() * 1_000_000_000L + 1_163_000;
        for (String s : new String[] {"2024-05-12 00:00:00.001163+00:00", "2024-05-12T02:00:00.001163+02:00",
            "2024-05-11T23:00:00.001163-0100", "2024-05-12T00:00:00.001163Z", "2024-05-12 05:30:00.001163+05:30"}) {
            assertEquals(utc, Ascii.parseDateTimeNanos(b(s), 0, s.length()), s);
        }
        assertEquals(Instant.parse("2024-02-29T13:45:00Z").getEpochSecond() * 1_000_000_000L,
                Ascii.parseDateTimeNanos(b("2024-02-29 13:45"), 0, 16));
        for (String s : new String[] {"2023-02-29 00:00:00", "2023-13-01 00:00:00", "2023-11-16 24:00:00",
            "2023/11/16 10:00:00", "2023-11-16 10:00:00.", "2023-11-16 10:00:00 PST", "16-11-2023 10:00"}) {
            BadValue e = assertThrows(BadValue.class, () -> Ascii.parseDateTimeNanos(b(s), 0, s.length()), s);
            assertEquals("\"" + s + "\" is not an ISO-8601 date-time (YYYY-MM-DD HH:MM:SS[.f][Z|+HH:MM])",
                    e.getMessage());
        }
    }

    /** Decimal text in a unit to ticks, exactly, rounding half up at the first digit below a tick. */
    @Property(tries = 3000)
    void ticksMatchBigDecimal(@ForAll @LongRange(min = 0, max = 9_000_000) long whole,
            @ForAll @LongRange(min = 0, max = 999_999_999_999L) long fraction, @ForAll @IntRange(min = 0, max = 12) int digits,
            @ForAll @IntRange(max = 3) int unit) {
        long[] ticksPerUnit = {1_000_000_000L, 1_000_000L, 1_000L, 60_000_000_000L};
        String frac = String.format(Locale.ROOT, "%012d", fraction).substring(0, digits);
        String text = digits == 0 ? Long.toString(whole) : whole + "." + frac;
        BigDecimal exact = new BigDecimal(text).multiply(BigDecimal.valueOf(ticksPerUnit[unit]));
        // Only the first digit below one tick decides the rounding.
        BigDecimal tenths = exact.multiply(BigDecimal.TEN).setScale(0, RoundingMode.DOWN);
        long expected = tenths.add(BigDecimal.valueOf(5)).divide(BigDecimal.TEN, 0, RoundingMode.DOWN).longValueExact();
        byte[] bytes = b(text);
        assertEquals(expected, Ascii.parseTicks(bytes, 0, bytes.length, ticksPerUnit[unit]), text);
    }

    @Property(tries = 3000)
    void doublesMatchDoubleParseDouble(@ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long digits,
            @ForAll @IntRange(max = 17) int point, @ForAll boolean negative) {
        String d = Long.toString(digits);
        String text = point == 0 || point >= d.length() ? d : d.substring(0, d.length() - point) + "."
                + d.substring(d.length() - point);
        text = (negative ? "-" : "") + text;
        byte[] bytes = b(text);
        assertEquals(Double.parseDouble(text), Ascii.parseDouble(bytes, 0, bytes.length), text);
    }

    @Test
    void numbersWithBlanksExponentsAndErrors() {
        assertEquals(42, Ascii.parseLong(b(" 42 "), 0, 4));
        assertEquals(-7, Ascii.parseLong(b("-7"), 0, 2));
        assertEquals(Long.MAX_VALUE, Ascii.parseLong(b("9223372036854775807"), 0, 19));
        assertEquals(1.25e-3, Ascii.parseDouble(b("1.25e-3"), 0, 7));
        assertEquals(30.0, Ascii.parseDouble(b("30.0"), 0, 4));
        assertEquals(12_500_000_000L, Ascii.parseTicks(b("1.25E1"), 0, 6, 1_000_000_000L));
        assertEquals("\"12x\" is not an integer", assertThrows(BadValue.class, () -> Ascii.parseLong(b("12x"), 0, 3))
                .getMessage());
        assertEquals("empty value where an integer is required",
                assertThrows(BadValue.class, () -> Ascii.parseLong(b(""), 0, 0)).getMessage());
        assertEquals("\"NaN\" is not a number", assertThrows(BadValue.class, () -> Ascii.parseDouble(b("NaN"), 0, 3))
                .getMessage());
        assertEquals("\"1e400\" is not a number",
                assertThrows(BadValue.class, () -> Ascii.parseDouble(b("1e400"), 0, 5)).getMessage());
        assertEquals("\"99999999999\" is out of range",
                assertThrows(BadValue.class, () -> Ascii.parseTicks(b("99999999999"), 0, 11, 1_000_000_000L)).getMessage());
        assertThrows(BadValue.class, () -> Ascii.parseDouble(b("1.2.3"), 0, 5));
        assertThrows(BadValue.class, () -> Ascii.parseDouble(b("0x10"), 0, 4));
        assertThrows(BadValue.class, () -> Ascii.parseTicks(b("1d"), 0, 2, 1));
    }
}
