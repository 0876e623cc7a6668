package io.capsim.scenarios.cli;

import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --vary PATH=LO..HI} of {@code capsim plan}: the integer field to size and its range.
 *
 * @param text the option's value as given (for messages)
 * @param path the dotted path of the field, as {@code --set} takes it
 * @param lo the least value tried, {@code >= 0}
 * @param hi the greatest value tried, {@code lo <= hi <= lo + MAX_RANGE}
 */
record PlanRange(String text, String path, int lo, int hi) {

    private static final Pattern RANGE = Pattern.compile("([^=]+)=\\s*(\\d{1,9})\\s*\\.\\.\\s*(\\d{1,9})\\s*");
    /** Widest range searched. */
    static final int MAX_RANGE = 1_000_000;
    /** Most --vary options. */
    static final int MAX_DIMENSIONS = 3;
    /** Most combinations of the ranges before the last one (each gets a binary search of the last). */
    static final int MAX_COMBINATIONS = 256;

    /**
     * The ranges of every {@code --vary}, in order.
     *
     * @throws ScenarioException at the first malformed or repeated range, past {@link #MAX_DIMENSIONS}
     *     ranges, or past {@link #MAX_COMBINATIONS} combinations of the ranges before the last
     */
    static List<PlanRange> parseAll(List<String> vary) {
        List<PlanRange> ranges = new ArrayList<>();
        for (String v : vary) {
            Matcher m = RANGE.matcher(v);
            int lo = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            int hi = m.matches() ? Integer.parseInt(m.group(3)) : -1;
            if (!m.matches() || lo > hi || hi - lo > MAX_RANGE) {
                throw new ScenarioException(new Problem(Location.of("--vary " + v), "",
                        "expected PATH=LO..HI with whole numbers 0 <= LO <= HI, HI - LO <= " + MAX_RANGE
                                + ", such as services.web.replicas=1..32"));
            }
            String path = m.group(1).trim();
            if (ranges.stream().anyMatch(r -> r.path().equals(path))) {
                throw new ScenarioException(new Problem(Location.of("--vary " + v), "", path + " is varied twice"));
            }
            ranges.add(new PlanRange(v, path, lo, hi));
        }
        if (ranges.size() > MAX_DIMENSIONS) {
            throw new ScenarioException(new Problem(Location.of("--vary " + ranges.get(MAX_DIMENSIONS).text()), "",
                    "at most " + MAX_DIMENSIONS + " --vary options (a mix of up to " + MAX_DIMENSIONS + " fields)"));
        }
        long combinations = 1;
        for (PlanRange r : ranges.subList(0, ranges.size() - 1)) {
            combinations *= r.hi() - r.lo() + 1;
        }
        if (combinations > MAX_COMBINATIONS) {
            throw new ScenarioException(new Problem(Location.of("--vary " + ranges.get(0).text()), "",
                    "the ranges before the last --vary give " + combinations + " combinations, more than "
                            + MAX_COMBINATIONS + " (each gets a binary search of the last range): narrow them"));
        }
        return ranges;
    }

    /** "path=value" of each range, comma-separated. */
    static String describe(List<PlanRange> ranges, List<Integer> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            parts.add(ranges.get(i).path() + "=" + values.get(i));
        }
        return String.join(", ", parts);
    }

    /** The one value, or "path=value, ..." for a mix. */
    static String value(List<PlanRange> ranges, List<Integer> at) {
        return ranges.size() == 1 ? Integer.toString(at.get(0)) : describe(ranges, at);
    }
}
