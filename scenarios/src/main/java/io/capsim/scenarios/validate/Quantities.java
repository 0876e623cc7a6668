package io.capsim.scenarios.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes-style quantities and Go-style durations, parsed strictly. Each parser returns the
 * value or throws {@link IllegalArgumentException} with a message saying what is allowed.
 */
public final class Quantities {

    private static final Pattern CPU = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h|d)");

    /** What a CPU quantity may look like. */
    public static final String CPU_FORMS = "cores as a number (2, 0.5) or millicores as a string (\"500m\")";
    /** What a memory quantity may look like. */
    public static final String MEMORY_FORMS =
            "bytes, or a number with a suffix Ki, Mi, Gi, Ti (powers of 1024) or k, M, G, T (powers of 1000), e.g. \"4Gi\"";
    /** What a duration may look like. */
    public static final String DURATION_FORMS =
            "seconds as a number (30, 0.25), or a string of number+unit parts with units ns, us, ms, s, m, h, d (\"250ms\", \"1h30m\")";

    private Quantities() {}

    /** CPU in millicores: {@code 2} → 2000, {@code "250m"} → 250, {@code 0.5} → 500. */
    public static long cpuMillis(String text) {
        Matcher m = CPU.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CPU quantity; use " + CPU_FORMS);
        }
        double v = Double.parseDouble(m.group(1));
        double millis = m.group(2).isEmpty() ? v * 1000 : v;
        if (millis != Math.rint(millis)) {
            throw new IllegalArgumentException("\"" + text + "\" is finer than one millicore");
        }
        if (millis > 1e12) {
            throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        return (long) millis;
    }

    /** Memory in MiB, rounded up: {@code "4Gi"} → 4096, {@code "512Mi"} → 512, {@code "1G"} → 954. */
    public static long memoryMiB(String text) {
        Matcher m = MEMORY.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a memory quantity; use " + MEMORY_FORMS);
        }
        double v = Double.parseDouble(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        double bytes;
        switch (suffix) {
            case "Ki": bytes = v * 1024d; break;
            case "Mi": bytes = v * 1024d * 1024; break;
            case "Gi": bytes = v * 1024d * 1024 * 1024; break;
            case "Ti": bytes = v * 1024d * 1024 * 1024 * 1024; break;
            case "Pi": bytes = v * 1024d * 1024 * 1024 * 1024 * 1024; break;
            case "k": bytes = v * 1e3; break;
            case "M": bytes = v * 1e6; break;
            case "G": bytes = v * 1e9; break;
            case "T": bytes = v * 1e12; break;
            case "P": bytes = v * 1e15; break;
            default: bytes = v;
        }
        double mib = Math.ceil(bytes / (1024d * 1024) - 1e-9);
        if (mib > 1e12) {
            throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        return (long) mib;
    }

    /** A duration in seconds: {@code "1h30m"} → 5400, {@code "250ms"} → 0.25. */
    public static double seconds(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration; use " + DURATION_FORMS);
        }
        if (PLAIN_NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s); // seconds
        }
        Matcher m = DURATION_PART.matcher(s);
        double total = 0;
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; use " + DURATION_FORMS);
            }
            double v = Double.parseDouble(m.group(1));
            switch (m.group(2)) {
                case "ns": total += v * 1e-9; break;
                case "us":
                case "µs": total += v * 1e-6; break;
                case "ms": total += v * 1e-3; break;
                case "s": total += v; break;
                case "m": total += v * 60; break;
                case "h": total += v * 3600; break;
                default: total += v * 86400; break;
            }
            pos = m.end();
        }
        return total;
    }
}
