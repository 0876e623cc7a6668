package io.capsim.reports.compare;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How far each metric may move before it counts as a change: the defaults, then rules keyed by a
 * pointer glob applied in order, each field a later matching rule sets overriding the earlier one.
 * A change is beyond tolerance when it is worse than {@code max(absolute, relative * |baseline|)}.
 *
 * @param relative default relative tolerance, at least 0 (0.05 = 5% of the baseline)
 * @param absolute default absolute tolerance, at least 0, in the metric's unit
 * @param rules per-pointer rules, in file order
 */
public record Tolerances(double relative, double absolute, List<Rule> rules) {

    /** Default relative tolerance: 5% of the baseline. */
    public static final double DEFAULT_RELATIVE = 0.05;

    /** The defaults: 5% relative, 0 absolute, directions by name ({@link Direction#byName}). */
    public static final Tolerances DEFAULTS = new Tolerances(DEFAULT_RELATIVE, 0, List.of());

    public Tolerances {
        if (!(relative >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("tolerances must be at least 0");
        }
        rules = List.copyOf(rules);
    }

    /**
     * A rule for the metrics whose pointer matches a glob: {@code *} matches within one pointer
     * token, {@code **} across tokens ({@code /services/x/latencyMs/p99} matches
     * {@code /services/*}{@code /latencyMs/p99} and {@code /**}{@code /p99}); a field left null keeps
     * the value from the defaults or an earlier rule.
     *
     * @param glob pointer glob
     * @param direction direction, or null
     * @param relative relative tolerance, or null
     * @param absolute absolute tolerance, or null
     */
    public record Rule(String glob, Direction direction, Double relative, Double absolute) {

        public Rule {
            Objects.requireNonNull(glob, "glob");
        }

        /** Whether the rule applies to {@code pointer}. */
        public boolean matches(String pointer) {
            return toRegex(glob).matcher(pointer).matches();
        }
    }

    /** What applies to one metric. */
    public record Setting(Direction direction, double relative, double absolute) {

        /** The largest worsening still within tolerance for this baseline value. */
        public double allowed(double baseline) {
            return Math.max(absolute, relative * Math.abs(baseline));
        }
    }

    /** The setting for a metric. */
    public Setting settingFor(String pointer) {
        Direction d = Direction.byName(pointer);
        double rel = relative;
        double abs = absolute;
        for (Rule r : rules) {
            if (r.matches(pointer)) {
                d = r.direction() != null ? r.direction() : d;
                rel = r.relative() != null ? r.relative() : rel;
                abs = r.absolute() != null ? r.absolute() : abs;
            }
        }
        return new Setting(d, rel, abs);
    }

    /** The regular expression of a pointer glob. */
    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
