package io.capsim.scenarios.cli;

import io.capsim.scenarios.run.ScenarioRunner;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.spi.Names;
import io.capsim.scenarios.validate.InputLimits;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.Problems;
import io.capsim.scenarios.validate.Quantities;
import io.capsim.scenarios.validate.ReadSettings;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.csv.ArrivalCsvWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --limit NAME=VALUE}: the input and output limits in effect. Every limit, its default and
 * its unit is in {@link Limit}; {@code docs/RELIABILITY.md} lists the same.
 */
final class LimitOptions {

    /** Default output size of {@code trace synth}: 1 GiB. */
    static final long SYNTH_BYTES = 1L << 30;

    /** Every limit: name, unit, default, meaning. */
    enum Limit {
        SCENARIO_SIZE(InputLimits.SCENARIO_SIZE, Unit.BYTES, InputLimits.DEFAULTS.maxScenarioBytes(),
                "bytes of a scenario file"),
        SCALAR_LENGTH(InputLimits.SCALAR_LENGTH, Unit.COUNT, InputLimits.DEFAULTS.maxScalarChars(),
                "characters in a line or value of a scenario", true),
        YAML_DEPTH(InputLimits.YAML_DEPTH, Unit.COUNT, InputLimits.DEFAULTS.maxDepth(),
                "nesting depth of maps and lists in a scenario", true),
        YAML_ALIASES(InputLimits.YAML_ALIASES, Unit.COUNT, InputLimits.DEFAULTS.maxAliasNodes(),
                "values YAML aliases (*name) may expand to in all (0 refuses aliases)", true),
        TRACE_SIZE(TraceLimits.DECOMPRESSED_SIZE, Unit.BYTES, TraceLimits.DEFAULTS.maxDecompressedBytes(),
                "bytes a trace file may hold, after decompression"),
        TRACE_RATIO(TraceLimits.COMPRESSION_RATIO, Unit.RATIO, (long) TraceLimits.DEFAULTS.maxCompressionRatio(),
                "decompressed to compressed size of a gzip trace (checked past 16 MiB)"),
        TRACE_LINE(TraceLimits.LINE_LENGTH, Unit.BYTES, TraceLimits.DEFAULTS.maxLineBytes(),
                "bytes in one line of a trace or list file", true),
        TRACE_GAP(TraceLimits.TIME_GAP, Unit.DURATION, TraceLimits.DEFAULTS.maxGapTicks(),
                "time between consecutive rows of a trace"),
        TRACE_HORIZON(TraceLimits.TIME_HORIZON, Unit.DURATION, TraceLimits.DEFAULTS.maxHorizonTicks(),
                "latest row time of a trace, from its start"),
        SYNTH_SIZE(ArrivalCsvWriter.SYNTH_SIZE, Unit.BYTES, SYNTH_BYTES, "bytes trace synth writes"),
        WAITING_REQUESTS("waiting-requests", Unit.COUNT, ScenarioRunner.QUEUE_LIMIT,
                "requests one service may hold waiting before the run stops as unstable");

        final String key;
        final Unit unit;
        final long defaultValue;
        final String meaning;
        /** Held in an int by the readers. */
        final boolean intValued;

        Limit(String key, Unit unit, long defaultValue, String meaning) {
            this(key, unit, defaultValue, meaning, false);
        }

        Limit(String key, Unit unit, long defaultValue, String meaning, boolean intValued) {
            this.key = key;
            this.unit = unit;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
            this.intValued = intValued;
        }

        /** The default as written on the command line: {@code 1MiB}, {@code 30d}, {@code 100}. */
        String defaultText() {
            return unit.format(defaultValue);
        }
    }

    /** How a limit's value is written. Durations are held in ticks. */
    enum Unit {
        BYTES("SIZE (bytes, or with Ki, Mi, Gi, Ti or k, M, G, T)"),
        COUNT("N"),
        RATIO("N (at least 1)"),
        DURATION("DURATION (seconds, or with units ms, s, m, h, d)");

        final String form;

        Unit(String form) {
            this.form = form;
        }

        String format(long v) {
            switch (this) {
                case BYTES:
                    return TraceLimits.bytes(v).replace(" bytes", "").replace(" ", "");
                case DURATION:
                    long s = v / SimTime.SECOND;
                    return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s + "s";
                default:
                    return Long.toString(v);
            }
        }
    }

    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(Ki|Mi|Gi|Ti|k|K|M|G|T)?B?");

    @Option(names = "--limit", paramLabel = "NAME=VALUE",
            description = "Raise (or lower) an input limit, e.g. --limit trace-line=8MiB. Repeatable. Limits: "
                    + "scenario-size, scalar-length, yaml-depth, yaml-aliases, trace-size, trace-ratio, trace-line, "
                    + "trace-gap, trace-horizon, synth-size, waiting-requests (defaults and meaning: "
                    + "docs/RELIABILITY.md).")
    List<String> limits = new ArrayList<>();

    /**
     * The limits in effect, by name, as written: defaults overridden by {@code --limit}.
     *
     * @throws io.capsim.scenarios.validate.ScenarioException (exit 2) for an unknown name or bad value
     */
    Map<String, Long> values() {
        Map<String, Long> v = new LinkedHashMap<>();
        for (Limit l : Limit.values()) {
            v.put(l.key, l.defaultValue);
        }
        Problems problems = new Problems();
        for (String s : limits) {
            Location at = Location.of("--limit " + s);
            int eq = s.indexOf('=');
            if (eq <= 0) {
                problems.add(at, "", "expected NAME=VALUE, such as trace-line=8MiB");
                continue;
            }
            String name = s.substring(0, eq).trim();
            String text = s.substring(eq + 1).trim();
            Limit limit = null;
            for (Limit l : Limit.values()) {
                if (l.key.equals(name)) {
                    limit = l;
                }
            }
            if (limit == null) {
                List<String> names = new ArrayList<>();
                for (Limit l : Limit.values()) {
                    names.add(l.key);
                }
                problems.add(at, "", Names.unknown("limit", name, names) + " (allowed: " + String.join(", ", names)
                        + ")");
                continue;
            }
            try {
                long value = parse(limit.unit, text);
                long min = limit == Limit.YAML_ALIASES ? 0 : 1;
                long max = limit.intValued ? Integer.MAX_VALUE - 16 : Long.MAX_VALUE / 2;
                if (value < min || value > max) {
                    throw new IllegalArgumentException("\"" + text + "\" is not in [" + limit.unit.format(min) + ", "
                            + limit.unit.format(max) + "]");
                }
                v.put(name, value);
            } catch (IllegalArgumentException e) {
                problems.add(at, "", name + ": " + e.getMessage() + "; use " + limit.unit.form);
            }
        }
        problems.throwIfAny();
        return v;
    }

    private static long parse(Unit unit, String text) {
        switch (unit) {
            case BYTES: {
                Matcher m = SIZE.matcher(text);
                if (!m.matches()) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a size");
                }
                String suffix = m.group(2) == null ? "" : m.group(2);
                BigDecimal n = new BigDecimal(m.group(1));
                long factor = switch (suffix) {
                    case "Ki" -> 1L << 10;
                    case "Mi" -> 1L << 20;
                    case "Gi" -> 1L << 30;
                    case "Ti" -> 1L << 40;
                    case "k", "K" -> 1_000L;
                    case "M" -> 1_000_000L;
                    case "G" -> 1_000_000_000L;
                    case "T" -> 1_000_000_000_000L;
                    default -> 1L;
                };
                BigDecimal bytes = n.multiply(BigDecimal.valueOf(factor));
                if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
                    throw new IllegalArgumentException("\"" + text + "\" is too large");
                }
                return bytes.longValue();
            }
            case DURATION: {
                double s = Quantities.seconds(text);
                if (!(s > 0) || s > 100 * 366 * 86_400.0) {
                    throw new IllegalArgumentException("\"" + text + "\" is not in (0, 100 years]");
                }
                return SimTime.ofSeconds(s);
            }
            default: {
                try {
                    return Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a whole number");
                }
            }
        }
    }

    /**
     * How a scenario is read under these limits.
     *
     * @param allowPaths further folders files may be read from ({@code --allow-paths})
     * @throws io.capsim.scenarios.validate.ScenarioException (exit 2) for a bad {@code --limit} or a
     *     folder that does not exist
     */
    ReadSettings settings(List<Path> allowPaths) {
        Map<String, Long> v = values();
        TraceLimits t = new TraceLimits(v.get(TraceLimits.DECOMPRESSED_SIZE), v.get(TraceLimits.COMPRESSION_RATIO),
                Math.toIntExact(v.get(TraceLimits.LINE_LENGTH)), v.get(TraceLimits.TIME_GAP),
                v.get(TraceLimits.TIME_HORIZON));
        InputLimits in = new InputLimits(v.get(InputLimits.SCENARIO_SIZE),
                Math.toIntExact(v.get(InputLimits.SCALAR_LENGTH)), Math.toIntExact(v.get(InputLimits.YAML_DEPTH)),
                Math.toIntExact(v.get(InputLimits.YAML_ALIASES)), t);
        for (Path p : allowPaths) {
            if (!java.nio.file.Files.isDirectory(p)) {
                throw new io.capsim.scenarios.validate.ScenarioException(new Problem(
                        Location.of("--allow-paths " + p), "", "no such folder"));
            }
        }
        return new ReadSettings(in, allowPaths);
    }

    /** The trace limits in effect. */
    TraceLimits traceLimits() {
        return settings(List.of()).limits().trace();
    }

    /** The output limit of {@code trace synth}, in bytes. */
    long synthBytes() {
        return values().get(ArrivalCsvWriter.SYNTH_SIZE);
    }

    /** The limits in effect, as written ("1MiB", "30d"), for run-info.json. */
    Map<String, String> describe() {
        Map<String, Long> v = values();
        Map<String, String> out = new LinkedHashMap<>();
        for (Limit l : Limit.values()) {
            out.put(l.key, l.unit.format(v.get(l.key)));
        }
        return out;
    }

    /** For messages: how to raise a named limit. */
    static String raiseHint(String name) {
        for (Limit l : Limit.values()) {
            if (l.key.equals(name)) {
                return "limit " + name + " (" + l.meaning + ", default " + l.defaultText() + "); raise it with "
                        + "--limit " + name + "=" + l.unit.form.split(" ")[0];
            }
        }
        return "see docs/RELIABILITY.md";
    }
}
