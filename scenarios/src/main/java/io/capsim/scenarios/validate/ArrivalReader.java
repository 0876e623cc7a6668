package io.capsim.scenarios.validate;

import io.capsim.engine.random.DistributionFactory;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.serving.SessionSpec;
import io.capsim.engine.spi.Names;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.arrival.ArrivalProcess;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.ProcessSpec;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvUnit;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code arrivals.<name>}: a target service and either a synthetic {@code process} with its
 * parameters, or a recorded {@code trace}.
 *
 * <p>Process parameters are written flat beside {@code process}. A number is taken as it is
 * (rates per second, durations in seconds, plain numbers); a string is read as a duration
 * ("5s", "1h"); a list {@code rate: [200, 5]} gives {@code rate.0}, {@code rate.1}, and a list of
 * lists {@code to: [[0, 1], [1, 0]]} gives {@code to.i.j}, as the processes name them.
 */
final class ArrivalReader {

    private static final java.util.regex.Pattern ONE_CHARACTER = java.util.regex.Pattern.compile("(?s).");

    private ArrivalReader() {}

    /**
     * Reads a copy of another stream ({@code copyOf}): it names only the service (or job) it feeds
     * and the stream it copies, whose arrivals (times and sizes, from the same random streams) it
     * repeats.
     *
     * @return {"service" or "job", its name, copied stream}, or null after reporting a problem
     */
    static String[] readCopy(Fields f, Set<String> services, Set<String> jobs) {
        int before = f.problemCount();
        boolean toJob = f.has("job") && !f.has("service");
        String target = f.string(toJob ? "job" : "service", true, null, null, null);
        if (target != null && !(toJob ? jobs : services).contains(target)) {
            f.problem(toJob ? "job" : "service", Names.unknown(toJob ? "job" : "service", target, toJob ? jobs : services));
        }
        String of = f.string("copyOf", true, null, null, null);
        for (String key : f.entries().keySet()) {
            if (!key.equals(toJob ? "job" : "service") && !key.equals("copyOf")) {
                f.problem(key, "a stream with copyOf takes only service (or job) and copyOf; the rest comes from the "
                        + "stream it copies");
            }
        }
        f.markAllKnown();
        return f.problemCount() > before ? null : new String[] {toJob ? "job" : "service", target, of};
    }

    static Scenario.ArrivalSpec read(String name, Fields f, Set<String> services, Set<String> jobs, Path baseDir) {
        boolean toService = f.has("service");
        boolean toJob = f.has("job");
        Scenario.Target target = toJob && !toService ? Scenario.Target.JOB : Scenario.Target.SERVICE;
        String service = null;
        if (toService && toJob) {
            f.problem("job", "give either service (each arrival is a request) or job (each arrival submits a job "
                    + "instance), not both");
        } else if (!toService && !toJob) {
            f.problem("service", "is required (the service the requests go to), or give job (the job each arrival submits)");
        } else if (toService) {
            service = f.string("service", true, null, null, null);
            if (service != null && !services.contains(service)) {
                f.problem("service", Names.unknown("service", service, services));
                service = null;
            }
        } else {
            service = f.string("job", true, null, null, null);
            if (service != null && !jobs.contains(service)) {
                f.problem("job", Names.unknown("job", service, jobs));
                service = null;
            }
        }
        double startAt = f.seconds("startAt", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        SessionSpec session = null;
        int beforeSession = f.problemCount();
        YamlNode.MapNode sessionNode = f.map("session", false);
        if (sessionNode != null && target == Scenario.Target.JOB) {
            f.problem("session", "applies to service streams only: each arrival starts an agent session of calls "
                    + "to the service");
        } else if (sessionNode != null && f.has("sizes")) {
            f.problem("sizes", "give the sizes of a session's calls under session.sizes (and session.fanOut.sizes)");
        } else if (sessionNode != null) {
            session = SessionReader.read(name, service, sessionNode, f.pathOf("session"), services, f.problems());
        }
        boolean sessionBad = f.problemCount() > beforeSession;
        boolean hasTrace = f.has("trace");
        boolean hasProcess = f.has("process");
        if (hasTrace && hasProcess) {
            f.problem("trace", "give either process (synthetic arrivals) or trace (recorded arrivals), not both");
            f.markAllKnown();
            return null;
        }
        if (hasTrace) {
            Scenario.TraceSpec trace = readTrace(f.map("trace", true), f.pathOf("trace"), f.problems(), baseDir);
            f.finish();
            return trace != null && service != null && !sessionBad
                    ? new Scenario.ArrivalSpec(name, target, service, null, trace, null, null, startAt, name, session) : null;
        }
        String process = f.choice("process", true, null, new LinkedHashSet<>(ArrivalProcesses.REGISTRY.names()));
        if (process == null) {
            f.markAllKnown();
            return null;
        }
        ArrivalProcess ap = ArrivalProcesses.REGISTRY.find(process).orElseThrow();
        if (SchemaRecorder.active()) {
            declareParameters(f);
        }
        int before = f.problemCount();
        Map<String, Double> params = new LinkedHashMap<>();
        Map<String, Location> where = new LinkedHashMap<>();
        Map<String, Location> keyWhere = new LinkedHashMap<>();
        Map<String, String> topKey = new LinkedHashMap<>(); // flattened parameter -> the key it was written under
        Scenario.SizeSpec sizes = null;
        YamlNode.MapNode sizesNode = f.map("sizes", false);
        if (sizesNode != null && target == Scenario.Target.JOB) {
            f.problem("sizes", "applies to service streams only: a job's pods take their requests from the job"
                    + " and their runtime from its runtime");
        } else if (sizesNode != null) {
            sizes = readSizes(sizesNode, f.pathOf("sizes"), f.problems());
        }
        for (Map.Entry<String, YamlNode> e : f.entries().entrySet()) {
            String key = e.getKey();
            if (key.equals("service") || key.equals("job") || key.equals("process") || key.equals("sizes")
                    || key.equals("startAt") || key.equals("session")) {
                continue;
            }
            f.node(key); // known: checked against the process's parameters below
            Set<String> seen = new LinkedHashSet<>(where.keySet());
            flatten(key, e.getValue(), f, params, where);
            for (String p : where.keySet()) {
                if (!seen.contains(p)) {
                    topKey.put(p, key);
                }
            }
            keyWhere.put(key, f.keyLocation(key));
        }
        Set<String> allowed = ap.parameters();
        Set<String> bases = new LinkedHashSet<>();
        for (String a : allowed) {
            bases.add(a.contains(".") ? a.substring(0, a.indexOf('.')) : a);
        }
        Set<String> unknownKeys = new LinkedHashSet<>();
        for (String p : List.copyOf(params.keySet())) {
            if (!allowed.contains(p)) {
                // The key as written may itself hold dots ("rate.0: 5", or a hostile ".hold").
                String top = topKey.get(p);
                String base = top.contains(".") ? top.substring(0, top.indexOf('.')) : top;
                if (!base.isEmpty() && bases.contains(base)) {
                    f.problemAt(where.get(p), f.pathOf(ProcessSpec.shown(p)), "is not a parameter of " + process + " (index out of range)");
                } else if (unknownKeys.add(top)) {
                    f.problemAt(keyWhere.get(top), f.pathOf(top), Names.unknown(process + " parameter", top, bases));
                }
                params.remove(p);
            }
        }
        ProcessSpec spec = new ProcessSpec(process, params);
        // A parameter written but unreadable (already reported) leaves the process's own checks
        // nothing sound to check: a rate list cut short at an unreadable item would also be
        // reported as rows without a rate. They run once every written parameter reads.
        boolean unreadable = false;
        for (String p : where.keySet()) {
            unreadable |= allowed.contains(p) && !params.containsKey(p);
        }
        for (DistributionFactory.ParamProblem pp : unreadable ? List.<DistributionFactory.ParamProblem>of() : ap.validate(spec)) {
            Location loc = where.get(pp.parameter());
            if (loc == null) { // not written: where its list is (rate.2 of a shorter rate list), else the stream
                int dot = pp.parameter().indexOf('.');
                YamlNode list = dot > 0 ? f.entries().get(pp.parameter().substring(0, dot)) : null;
                loc = list != null ? list.location() : f.location();
            }
            f.problemAt(loc, f.pathOf(ProcessSpec.shown(pp.parameter())),
                    pp.message());
        }
        f.finish();
        return f.problemCount() == before && service != null && !sessionBad
                ? new Scenario.ArrivalSpec(name, target, service, spec, null, session == null ? sizes : null, null,
                        startAt, name, session) : null;
    }

    /** For the schema: every parameter of every process, as written beside {@code process}. */
    private static void declareParameters(Fields f) {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        for (String name : ArrivalProcesses.REGISTRY.names()) {
            for (String p : ArrivalProcesses.REGISTRY.find(name).orElseThrow().parameters()) {
                users.computeIfAbsent(p.contains(".") ? p.substring(0, p.indexOf('.')) : p,
                        k -> new LinkedHashSet<>()).add(name);
            }
        }
        users.forEach((base, processes) -> SchemaRecorder.field(f.pathPrefix(), base, new SchemaRecorder.FieldSpec(
                SchemaRecorder.Kind.PARAMETER, false, null, false, null, List.of(), null, null, null,
                "a parameter of process " + String.join(", ", processes))));
    }

    static Scenario.SizeSpec readSizes(YamlNode.MapNode node, String path, Problems problems) {
        Fields s = new Fields(node, path, problems);
        int before = s.problemCount();
        DistributionSpec work = null;
        YamlNode.MapNode w = s.map("work", false);
        if (w != null) {
            work = DistributionReader.read(w, s.pathOf("work"), problems);
        }
        long[] inRange = {1, 1_000_000};
        long[] outRange = {1, 1_000_000};
        DistributionSpec in = tokens(s, "inputTokens", problems, inRange);
        DistributionSpec out = tokens(s, "outputTokens", problems, outRange);
        s.finish();
        return s.problemCount() > before ? null
                : new Scenario.SizeSpec(work, in, out, inRange[0], inRange[1], outRange[0], outRange[1]);
    }

    /** A token-count distribution: {type, parameters as counts, min, max}. */
    static DistributionSpec tokens(Fields s, String key, Problems problems, long[] range) {
        YamlNode.MapNode n = s.map(key, false);
        if (n == null) {
            return null;
        }
        Fields t = new Fields(n, s.pathOf(key), problems);
        int before = t.problemCount();
        range[0] = t.integer("min", false, range[0], 0, 100_000_000);
        range[1] = t.integer("max", false, range[1], 0, 100_000_000);
        if (range[1] < range[0]) {
            t.problem("max", range[1] + " is less than min " + range[0]);
        }
        DistributionSpec spec = DistributionReader.read(t, true);
        t.finish();
        return t.problemCount() > before ? null : spec;
    }

    /**
     * Flattens a parameter's value into {@code out}: a list's items become {@code key.0},
     * {@code key.1}, ... (the process's parameter names; messages show them as {@code key[0]}, the
     * form {@code --set} takes: {@link ProcessSpec#shown}).
     */
    private static void flatten(String key, YamlNode n, Fields f, Map<String, Double> out, Map<String, Location> where) {
        if (n instanceof YamlNode.ListNode list) {
            List<YamlNode> items = list.items();
            for (int i = 0; i < items.size(); i++) {
                flatten(key + "." + i, items.get(i), f, out, where);
            }
            return;
        }
        where.put(key, n.location());
        if (!(n instanceof YamlNode.Scalar s)) {
            f.problemAt(n.location(), f.pathOf(ProcessSpec.shown(key)), "expected a number, a duration or a list, found " + n.describe());
            return;
        }
        try {
            switch (s.type()) {
                case INTEGER:
                case FLOAT:
                    out.put(key, YamlNumbers.parse(s.text()));
                    break;
                case STRING:
                    out.put(key, Quantities.seconds(s.text()));
                    break;
                default:
                    f.problemAt(n.location(), f.pathOf(ProcessSpec.shown(key)), "expected a number or a duration, found " + s.describe());
            }
        } catch (IllegalArgumentException e) {
            f.problemAt(n.location(), f.pathOf(ProcessSpec.shown(key)), e.getMessage());
        }
    }

    private static Scenario.TraceSpec readTrace(YamlNode.MapNode node, String path, Problems problems, Path baseDir) {
        if (node == null) {
            return null;
        }
        Fields t = new Fields(node, path, problems);
        int before = t.problemCount();
        String fileText = t.string("file", true, null, null, null);
        String format = t.choice("format", true, null, new LinkedHashSet<>(TraceFormats.REGISTRY.names()));
        String onBadRow = t.choice("onBadRow", false, "stop", Names.ordered("stop", "skip"));
        double timeScale = t.number("timeScale", false, 1.0, 0, true, 1e6);
        double from = t.seconds("from", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        double to = t.seconds("to", false, Double.POSITIVE_INFINITY, 0, true, ScenarioReader.MAX_SECONDS);
        if (t.has("from") && t.has("to") && to <= from) {
            t.problem("to", Fields.fmt(to) + " s must be after from (" + Fields.fmt(from) + " s)");
        }
        boolean loop = t.bool("loop", false, false);
        double rateScale = t.number("rateScale", false, 1.0, 0, true, 1000);
        List<Scenario.FilterSpec> filters = new java.util.ArrayList<>();
        YamlNode filterNode = t.node("filter");
        if (filterNode != null) {
            List<YamlNode> items = filterNode instanceof YamlNode.ListNode l ? l.items() : List.of(filterNode);
            for (int i = 0; i < items.size(); i++) {
                String fp = t.pathOf("filter") + (filterNode instanceof YamlNode.ListNode ? "[" + i + "]" : "");
                if (!(items.get(i) instanceof YamlNode.MapNode fm)) {
                    problems.add(items.get(i).location(), fp, "expected a map {field, min, max}, found "
                            + items.get(i).describe());
                    continue;
                }
                Fields ff = new Fields(fm, fp, problems);
                Set<String> fieldKeys = new LinkedHashSet<>();
                for (ArrivalField af : ArrivalField.values()) {
                    if (af != ArrivalField.TIME) {
                        fieldKeys.add(af.key());
                    }
                }
                String field = ff.choice("field", true, null, fieldKeys);
                long min = ff.integer("min", false, Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
                long max = ff.integer("max", false, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
                if (min > max) {
                    ff.problem("max", max + " is less than min " + min);
                }
                ff.finish();
                if (field != null && min <= max) {
                    filters.add(new Scenario.FilterSpec(ArrivalField.ofKey(field), min, max));
                }
            }
        }
        CsvLayout layout = null;
        YamlNode.MapNode csv = t.map("csv", false);
        if ("csv".equals(format)) {
            if (csv == null) {
                t.problem("csv", "is required for format csv: the column layout (time column and unit, field mappings)");
            } else {
                layout = readCsv(csv, t.pathOf("csv"), problems);
            }
        } else if (csv != null) {
            t.problem("csv", "applies to format csv only; " + format + " has a fixed layout");
        }
        Path file = null;
        if (fileText != null) {
            file = InputFiles.check(t, "file", fileText, baseDir);
        }
        t.finish();
        if (t.problemCount() > before || file == null || format == null) {
            return null;
        }
        TraceOptions options = new TraceOptions(BadRowPolicy.of(onBadRow), layout,
                ReadContext.current().limits().trace());
        return new Scenario.TraceSpec(file, format, options, timeScale, from, to, loop, rateScale, filters);
    }

    private static CsvLayout readCsv(YamlNode.MapNode node, String path, Problems problems) {
        Fields c = new Fields(node, path, problems);
        int before = c.problemCount();
        String delimiter = c.string("delimiter", false, ",", ONE_CHARACTER, "a single character");
        boolean header = c.bool("header", false, true);
        String comment = c.string("comment", false, null, ONE_CHARACTER, "a single character");
        YamlNode.MapNode timeNode = c.map("time", true);
        CsvLayout.Column timeColumn = null;
        CsvUnit timeUnit = null;
        boolean relative = false;
        if (timeNode != null) {
            Fields tf = new Fields(timeNode, c.pathOf("time"), problems);
            timeColumn = column(tf);
            timeUnit = unit(tf, ArrivalField.TIME);
            relative = tf.bool("relativeToFirstRow", false, false);
            tf.finish();
        }
        Map<ArrivalField, CsvLayout.Mapping> fields = new EnumMap<>(ArrivalField.class);
        YamlNode.MapNode fieldsNode = c.map("fields", false);
        if (fieldsNode != null) {
            Set<String> keys = new LinkedHashSet<>();
            for (ArrivalField af : ArrivalField.values()) {
                if (af != ArrivalField.TIME) {
                    keys.add(af.key());
                }
            }
            Fields ff = new Fields(fieldsNode, c.pathOf("fields"), problems);
            for (String k : keys) {
                YamlNode.MapNode m = ff.map(k, false);
                if (m != null) {
                    Fields mf = new Fields(m, ff.pathOf(k), problems);
                    CsvLayout.Column col = column(mf);
                    CsvUnit u = unit(mf, ArrivalField.ofKey(k));
                    boolean optional = mf.bool("optional", false, false);
                    mf.finish();
                    if (col != null && u != null) {
                        fields.put(ArrivalField.ofKey(k), new CsvLayout.Mapping(col, u, optional));
                    }
                }
            }
            ff.finish();
        }
        c.finish();
        if (c.problemCount() > before || timeColumn == null || timeUnit == null) {
            return null;
        }
        try {
            return new CsvLayout(delimiter.charAt(0), header, comment == null ? '\0' : comment.charAt(0), timeColumn,
                    timeUnit, relative, fields);
        } catch (IllegalArgumentException e) {
            problems.add(node.location(), path, e.getMessage());
            return null;
        }
    }

    private static CsvLayout.Column column(Fields f) {
        YamlNode n = f.node("column");
        if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INTEGER) {
            long i = f.integer("column", true, 0, 0, 10_000);
            return CsvLayout.Column.at((int) i);
        }
        String name = f.string("column", true, null, null, null);
        return name == null ? null : CsvLayout.Column.named(name);
    }

    private static CsvUnit unit(Fields f, ArrivalField field) {
        List<String> allowed = CsvUnit.keysFor(field);
        String u = f.choice("unit", true, null, new LinkedHashSet<>(allowed));
        return u == null ? null : CsvUnit.ofKey(u);
    }
}
