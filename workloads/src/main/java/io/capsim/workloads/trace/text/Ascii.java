package io.capsim.workloads.trace.text;

import java.nio.charset.StandardCharsets;

/**
 * Parsers of ASCII fields held in byte arrays, {@code b[s, e)}, that allocate nothing on valid
 * input. Each throws {@link BadValue} with a reason quoting the field when it is malformed.
 */
public final class Ascii {

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22
    };

    private Ascii() {}

    /** The field as a string, for messages. */
    public static String text(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    /** True if the field is empty or only blanks. */
    public static boolean isBlank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * A decimal integer with optional sign and surrounding blanks.
     *
     * @throws BadValue if the field is empty, not an integer, or out of the long range
     */
    public static long parseLong(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        if (i == e || e - i > 18) {
            return parseLongSlow(b, s, e);
        }
        long v = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new BadValue('"' + text(b, s, e) + "\" is not an integer");
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    private static long parseLongSlow(byte[] b, int s, int e) {
        if (s == e) {
            throw new BadValue("empty value where an integer is required");
        }
        try {
            return Long.parseLong(text(b, s, e));
        } catch (NumberFormatException x) {
            throw new BadValue('"' + text(b, s, e) + "\" is not an integer");
        }
    }

    /**
     * A decimal number (optional sign, digits, fraction, exponent) with surrounding blanks. Plain
     * decimals of up to 18 significant digits and 22 fraction digits take a fast exact path
     * (one correctly rounded division); others are parsed by {@link Double#parseDouble}.
     *
     * @throws BadValue if the field is empty or not a number
     */
    public static double parseDouble(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        boolean any = false;
        for (; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return parseDoubleSlow(b, s, e);
            }
        }
        if (!any) {
            if (s == e) {
                throw new BadValue("empty value where a number is required");
            }
            throw new BadValue('"' + text(b, s, e) + "\" is not a number");
        }
        if (digits > 15 || fraction > 22 || mantissa >= (1L << 53)) {
            return parseDoubleSlow(b, s, e);
        }
        double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return neg ? -v : v;
    }

    private static double parseDoubleSlow(byte[] b, int s, int e) {
        String t = text(b, s, e);
        try {
            double v = Double.parseDouble(t);
            if (Double.isNaN(v) || Double.isInfinite(v) || t.indexOf('x') >= 0 || t.indexOf('X') >= 0
                    || Character.isLetter(t.charAt(t.length() - 1))) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException x) {
            throw new BadValue('"' + t + "\" is not a number");
        }
    }

    /**
     * A decimal number of units converted exactly to ticks: {@code value * ticksPerUnit}, rounded
     * half up at the first digit below one tick (so {@code "1.2345678915"} seconds is
     * 1,234,567,892 ns). Numbers in exponent notation go through {@link #parseDouble}.
     *
     * @param ticksPerUnit ticks in one unit of the field, for example 1e9 for seconds; at least 1
     * @throws BadValue if the field is not a number or the result overflows a long
     */
    public static long parseTicks(byte[] b, int s, int e, long ticksPerUnit) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long whole = 0;
        int intDigits = 0;
        for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
            whole = whole * 10 + (b[i] - '0');
            intDigits++;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < e && b[i] == '.') {
            i++;
            // While the unit's tick count is divisible by 10, each digit adds whole ticks; the
            // digits after that ("rest") are worth rest * scale / 10^restDigits ticks, rounded half
            // up at the first digit below one tick. scale is then at most 36 (hours), so the
            // products below stay far from overflow with at most 15 rest digits.
            long scale = ticksPerUnit;
            long rest = 0;
            long restPow = 1;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
                fracDigits++;
                int d = b[i] - '0';
                if (restPow == 1 && scale % 10 == 0) {
                    scale /= 10;
                    frac += d * scale;
                } else if (restPow < 1_000_000_000_000_000L) {
                    rest = rest * 10 + d;
                    restPow *= 10;
                }
            }
            if (rest != 0) {
                long tenths = Math.multiplyHigh(rest, scale * 10) == 0 && rest * scale * 10 >= 0
                        ? rest * scale * 10 / restPow
                        : (long) ((double) rest * scale * 10 / restPow);
                frac += (tenths + 5) / 10;
            }
        }
        if (i != e || intDigits + fracDigits == 0 || intDigits > 18) {
            double v = parseDouble(b, s, e) * ticksPerUnit;
            if (!(Math.abs(v) < 0x1p63)) {
                throw new BadValue('"' + text(b, s, e) + "\" is out of range");
            }
            return Math.round(v);
        }
        long hi = Math.multiplyHigh(whole, ticksPerUnit);
        long t = whole * ticksPerUnit + frac;
        if (hi != 0 || t < 0) {
            throw new BadValue('"' + text(b, s, e) + "\" is out of range");
        }
        return neg ? -t : t;
    }

    /**
     * An ISO-8601 local or offset date-time, {@code YYYY-MM-DD[T or space]HH:MM[:SS[.fraction]]}
     * then optionally {@code Z}, {@code +HH:MM}, {@code +HHMM} or {@code +HH}, as nanoseconds
     * since 1970-01-01T00:00Z. A time without offset is read as UTC. The fraction may have 1 to 9
     * digits (more are truncated).
     *
     * @throws BadValue if the field is not such a date-time
     */
    public static long parseDateTimeNanos(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int len = e - s;
        if (len < 16 || b[s + 4] != '-' || b[s + 7] != '-' || (b[s + 10] != ' ' && b[s + 10] != 'T'
                && b[s + 10] != 't') || b[s + 13] != ':') {
            throw badDate(b, s, e);
        }
        int year = digits(b, s, 4, s, e);
        int month = digits(b, s + 5, 2, s, e);
        int day = digits(b, s + 8, 2, s, e);
        int hour = digits(b, s + 11, 2, s, e);
        int minute = digits(b, s + 14, 2, s, e);
        int second = 0;
        long nanos = 0;
        int i = s + 16;
        if (i < e && b[i] == ':') {
            if (i + 3 > e) {
                throw badDate(b, s, e);
            }
            second = digits(b, i + 1, 2, s, e);
            i += 3;
            if (i < e && (b[i] == '.' || b[i] == ',')) {
                i++;
                long scale = 100_000_000L;
                int start = i;
                for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
                    nanos += (b[i] - '0') * scale;
                    scale /= 10;
                }
                if (i == start) {
                    throw badDate(b, s, e);
                }
            }
        }
        long offsetSeconds = 0;
        if (i < e) {
            byte c = b[i];
            if ((c == 'Z' || c == 'z') && i + 1 == e) {
                i++;
            } else if (c == '+' || c == '-') {
                int oh = digits(b, i + 1, 2, s, e);
                int om = 0;
                int j = i + 3;
                if (j < e && b[j] == ':') {
                    j++;
                }
                if (j < e) {
                    om = digits(b, j, 2, s, e);
                    j += 2;
                }
                if (j != e || oh > 18 || om > 59) {
                    throw badDate(b, s, e);
                }
                offsetSeconds = (c == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
                i = e;
            } else {
                throw badDate(b, s, e);
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
                || second > 60) {
            throw badDate(b, s, e);
        }
        long epochSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
                - offsetSeconds;
        return epochSeconds * 1_000_000_000L + nanos;
    }

    private static BadValue badDate(byte[] b, int s, int e) {
        return new BadValue('"' + text(b, s, e) + "\" is not an ISO-8601 date-time (YYYY-MM-DD HH:MM:SS[.f][Z|+HH:MM])");
    }

    private static int digits(byte[] b, int at, int n, int s, int e) {
        if (at + n > e) {
            throw badDate(b, s, e);
        }
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw badDate(b, s, e);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level
     * date algorithms", days_from_civil).
     */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    /** True if {@code b[s, e)} equals the ASCII string {@code t}. */
    public static boolean equals(byte[] b, int s, int e, String t) {
        if (e - s != t.length()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (b[s + i] != t.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
