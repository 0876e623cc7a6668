package io.capsim.scenarios.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The number forms a scenario accepts, and clear refusals of the others. YAML 1.1 (which the
 * parser follows) also reads hexadecimal ({@code 0x10}), binary ({@code 0b101}), leading-zero
 * octal ({@code 017}), NaN ({@code .nan}) and infinities ({@code .inf}) as numbers; each is
 * refused here with what was meant and what to write instead, never passed on to a
 * {@link NumberFormatException}.
 *
 * <p>Accepted: decimal integers and decimals with an optional sign, exponent and {@code _}
 * digit separators ({@code 1_000}), the value finite.
 */
public final class YamlNumbers {

    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9_]+");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");

    private YamlNumbers() {}

    /**
     * The value of a number as written.
     *
     * @throws IllegalArgumentException saying what the text is and what to write instead
     */
    public static double parse(String text) {
        String t = text.trim();
        refuseOtherForms(t);
        if (!DECIMAL.matcher(t).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a decimal number");
        }
        String plain = t.replace("_", "");
        double v = Double.parseDouble(plain.endsWith(".") ? plain + "0" : plain);
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(text + " is too large for a number");
        }
        return v;
    }

    /**
     * The value of an integer as written.
     *
     * @throws IllegalArgumentException saying what the text is and what to write instead, or that it
     *     does not fit in 64 bits
     */
    public static long parseLong(String text) {
        String t = text.trim();
        refuseOtherForms(t);
        if (!DECIMAL_INT.matcher(t).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a decimal integer");
        }
        try {
            return Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + " does not fit in a 64-bit integer");
        }
    }

    /** The number as a plain decimal string ({@code "1e3"} gives {@code "1000"}), after the same checks. */
    public static String plain(String text) {
        parse(text);
        String t = text.trim().replace("_", "");
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.endsWith(".")) {
            t = t + "0";
        }
        if (t.startsWith(".") || t.startsWith("-.")) {
            t = t.replaceFirst("\\.", "0.");
        }
        return new BigDecimal(t).stripTrailingZeros().toPlainString();
    }

    private static void refuseOtherForms(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals(".nan")) {
            throw new IllegalArgumentException(t + " (NaN) is not a number");
        }
        if (unsigned.equals(".inf")) {
            throw new IllegalArgumentException(t + " is infinite");
        }
        if (HEX.matcher(lower).matches()) {
            throw new IllegalArgumentException(t + " is hexadecimal" + decimal(lower, 16, 2)
                    + "; numbers are read in decimal only");
        }
        if (BINARY.matcher(lower).matches()) {
            throw new IllegalArgumentException(t + " is binary" + decimal(lower, 2, 2)
                    + "; numbers are read in decimal only");
        }
        if (LEADING_ZERO.matcher(lower).matches()) {
            String digits = lower.replace("_", "").replaceFirst("^[-+]?0+", "");
            throw new IllegalArgumentException(t + " has a leading zero, which YAML 1.1 reads as octal"
                    + (digits.matches("[0-7]+") ? " (" + new BigInteger(digits, 8) + ")" : "")
                    + "; write the decimal number without it" + (digits.isEmpty() ? " (0)" : " (" + digits + ")"));
        }
    }

    /** " (16 in decimal)" for "0x10"; empty if it has no digits or too many. */
    private static String decimal(String lower, int radix, int prefix) {
        boolean negative = lower.startsWith("-");
        String body = lower.replace("_", "");
        body = body.substring((body.startsWith("-") || body.startsWith("+") ? 1 : 0) + prefix);
        if (body.isEmpty() || body.length() > 64) {
            return "";
        }
        BigInteger v = new BigInteger(body, radix);
        return " (" + (negative ? v.negate() : v) + " in decimal)";
    }
}
