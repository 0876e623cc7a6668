package io.capsim.reports.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Locale;

/**
 * A latency percentile spectrum, as an HdrHistogram {@code .hgrm} file lists it: the value at each
 * percentile step, and the maximum.
 *
 * @param percentiles percentile levels, 0-100, ascending, each below 100
 * @param valuesMs the value at each level, milliseconds
 * @param maxMs the largest value recorded, milliseconds; NaN when nothing was recorded
 * @param count values recorded
 */
public record Spectrum(double[] percentiles, double[] valuesMs, double maxMs, long count) {

    public Spectrum {
        if (percentiles.length != valuesMs.length) {
            throw new IllegalArgumentException("percentiles and values differ in length");
        }
    }

    /**
     * Reads a {@code .hgrm} file as {@code Histogram.outputPercentileDistribution} writes it (values in
     * milliseconds).
     *
     * @param source what to call the file in messages
     * @throws IllegalArgumentException naming the source and line when it is not such a file
     */
    public static Spectrum parseHgrm(String text, String source) {
        double[] p = new double[64];
        double[] v = new double[64];
        int n = 0;
        double max = Double.NaN;
        long count = 0;
        boolean header = false;
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("Value")) {
                    header = true;
                    continue;
                }
                if (t.startsWith("#[Max")) {
                    String[] parts = t.substring(2, t.length() - 1).split(",");
                    max = Double.parseDouble(parts[0].split("=")[1].trim());
                    count = (long) Double.parseDouble(parts[1].split("=")[1].trim());
                    continue;
                }
                if (t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (!header || f.length < 3 || f.length > 4) {
                    throw new IllegalArgumentException(source + ":" + no + ": not a percentile distribution line: "
                            + (t.length() > 60 ? t.substring(0, 60) + "..." : t));
                }
                double level = 100 * Double.parseDouble(f[1]);
                if (level >= 100) {
                    continue;
                }
                if (n == p.length) {
                    p = Arrays.copyOf(p, 2 * n);
                    v = Arrays.copyOf(v, 2 * n);
                }
                p[n] = level;
                v[n++] = Double.parseDouble(f[0]);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(source + ": not a percentile distribution (" + e.getMessage() + ")");
        }
        if (!header) {
            throw new IllegalArgumentException(source + ": not a percentile distribution (no \"Value Percentile\" header)");
        }
        return new Spectrum(Arrays.copyOf(p, n), Arrays.copyOf(v, n), count == 0 ? Double.NaN : max, count);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Spectrum[%d levels, max %.3f ms, count %d]", percentiles.length, maxMs, count);
    }
}
