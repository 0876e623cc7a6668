package io.capsim.workloads.usage;

import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceLimits;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Bitbrains GWA-T-12 Rnd trace (Shen, van Beek, Iosup, "Statistical Characterization of
 * Business-Critical Workloads Hosted in Cloud Datacenters", CCGrid 2015; Grid Workloads Archive):
 * one row per VM every 5 minutes with what was provisioned and what was used, in the layout of the
 * sample brought for capsim ({@value #HEADER}; rows grouped by VM, each VM in time order).
 *
 * <p>Mapping: a core is 1000 m, so CPU requested = {@code 1000 cpu_cores} and CPU used =
 * {@code 1000 cpu_usage_mhz / (cpu_provisioned_mhz / cpu_cores)} (MHz per core of that VM);
 * memory requested and used = {@code mem_provisioned_kb / 1024} and {@code mem_usage_kb / 1024}
 * MiB ({@code mem_usage_kb} is the memory "actively used"). {@code timestamp_s} is in seconds (the
 * GWA header says ms). Rows with no provisioned CPU or memory (VM 265 interleaves such a series)
 * are left out by rule and counted. A VM whose time goes back, or whose rows are not together, is
 * a bad row.
 */
public final class BitbrainsFormat implements UsageFormat {

    /** Registered name. */
    public static final String NAME = "bitbrains-gwa-t12";

    /** The header of the sample's file. */
    public static final String HEADER = "vm,timestamp_s,cpu_cores,cpu_provisioned_mhz,cpu_usage_mhz,cpu_usage_pct,"
            + "mem_provisioned_kb,mem_usage_kb,disk_read_kbps,disk_write_kbps,net_rx_kbps,net_tx_kbps";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Bitbrains GWA-T-12 Rnd (" + HEADER + "): per VM every 5 min, CPU requested = 1000 cpu_cores m, used = "
                + "1000 cpu_usage_mhz / MHz per core; memory requested/used = mem_provisioned_kb/mem_usage_kb / 1024 MiB";
    }

    @Override
    public Set<UsageField> fields() {
        return EnumSet.of(UsageField.CPU_USED_MILLIS, UsageField.CPU_REQUEST_MILLIS, UsageField.MEMORY_USED_MIB,
                UsageField.MEMORY_REQUEST_MIB);
    }

    @Override
    public UsageCursor open(Path file, BadRowPolicy policy, TraceLimits limits) {
        return new Cursor(file, policy, limits);
    }

    private static final class Cursor extends UsageRow {
        private final UsageCsv csv;
        private final BadRowPolicy policy;
        private final int vm;
        private final int time;
        private final int cores;
        private final int cpuProv;
        private final int cpuUse;
        private final int memProv;
        private final int memUse;
        private final Set<String> finished = new HashSet<>();
        private String prevPod;
        private double prevTime;
        private boolean closed;

        Cursor(Path file, BadRowPolicy policy, TraceLimits limits) {
            csv = new UsageCsv(file, limits, List.of(HEADER.split(",")));
            this.policy = policy;
            vm = csv.column("vm");
            time = csv.column("timestamp_s");
            cores = csv.column("cpu_cores");
            cpuProv = csv.column("cpu_provisioned_mhz");
            cpuUse = csv.column("cpu_usage_mhz");
            memProv = csv.column("mem_provisioned_kb");
            memUse = csv.column("mem_usage_kb");
        }

        @Override
        public boolean advance() {
            while (true) {
                try {
                    if (!csv.next()) {
                        return false;
                    }
                    if (parse()) {
                        rows++;
                        return true;
                    }
                    filtered++;
                } catch (UsageCsv.Bad b) {
                    if (policy == BadRowPolicy.STOP) {
                        throw new UsageRowException(csv.file(), csv.line(), b.column, b.getMessage());
                    }
                    skipped++;
                }
            }
        }

        /** Parses the current line; false if the rule leaves it out. */
        private boolean parse() {
            String id = csv.text(vm);
            double ts = csv.number(time, 0, UsageCsv.MAX_SECONDS);
            double c = csv.number(cores, 0, 100_000);
            double prov = csv.number(cpuProv, 0, 1e12);
            double use = csv.number(cpuUse, 0, 1e12);
            double mp = csv.number(memProv, 0, 1e15);
            double mu = csv.number(memUse, 0, 1e15);
            if (c != Math.rint(c)) {
                throw new UsageCsv.Bad(csv.columnOf(cores), "cpu_cores: " + c + " is not a whole number");
            }
            if (!id.equals(prevPod)) {
                if (finished.contains(id)) {
                    throw new UsageCsv.Bad(csv.columnOf(vm), "vm " + id + " appears again after other VMs (rows must "
                            + "be grouped by VM)");
                }
                if (prevPod != null) {
                    finished.add(prevPod);
                }
                prevTime = Double.NEGATIVE_INFINITY;
            } else if (ts < prevTime && (c > 0 && prov > 0 && mp > 0)) {
                throw new UsageCsv.Bad(csv.columnOf(time), "timestamp_s " + (long) ts + " is before the previous row of "
                        + "vm " + id + " (" + (long) prevTime + ")");
            }
            prevPod = id;
            if (c == 0 || prov == 0 || mp == 0) {
                return false;
            }
            prevTime = ts;
            pod = id;
            timeSeconds = ts;
            values[UsageField.CPU_REQUEST_MILLIS.ordinal()] = 1000 * c;
            values[UsageField.CPU_USED_MILLIS.ordinal()] = 1000 * use / (prov / c);
            values[UsageField.MEMORY_REQUEST_MIB.ordinal()] = mp / 1024;
            values[UsageField.MEMORY_USED_MIB.ordinal()] = mu / 1024;
            return true;
        }







        @Override
        public void close() {
            if (!closed) {
                closed = true;
                csv.close();
            }
        }
    }
}
