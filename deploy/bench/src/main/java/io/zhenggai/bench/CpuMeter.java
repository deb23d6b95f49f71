package io.zhenggai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * CPU time from /proc (Linux): the whole machine and a few process groups (issue-service, PostgreSQL with all its
 * backends, the broker, this driver with pgbench as its child). A phase's difference divided by its wall time is
 * the number of cores each used; what is left of the machine's busy time is "other" (other work on a shared box).
 */
final class CpuMeter {

    /** USER_HZ: /proc reports clock ticks; 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** A group named with this prefix is a part of the group before it (its threads), not counted twice. */
    static final String PART = "  of which ";

    private final Map<String, LongSupplier> groups = new LinkedHashMap<>();

    CpuMeter add(String name, LongSupplier ticks) {
        groups.put(name, ticks);
        return this;
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    Snapshot snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        groups.forEach((name, ticks) -> values.put(name, ticks.getAsLong()));
        long[] machine = machine();
        return new Snapshot(System.nanoTime(), machine[0], machine[1], values);
    }

    record Snapshot(long nanos, long busy, long total, Map<String, Long> groups) {
    }

    /** Cores used per group between two snapshots, plus "other" and the machine's busy share. */
    static Map<String, Double> cores(Snapshot from, Snapshot to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> out = new LinkedHashMap<>();
        double ours = 0;
        for (String name : to.groups().keySet()) {
            double cores = (to.groups().get(name) - from.groups().get(name)) / TICKS_PER_SECOND / seconds;
            out.put(name, cores);
            if (!name.startsWith(PART)) {
                ours += cores;
            }
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double busy = (to.busy() - from.busy()) / (double) Math.max(1, to.total() - from.total()) * cpus;
        out.put("other processes on the machine", Math.max(0, busy - ours));
        out.put("machine busy (of " + cpus + " cores)", busy);
        return out;
    }

    /** utime + stime (+ cutime + cstime: children that were waited for, e.g. ended backends). */
    static long processTicks(long pid, boolean withReapedChildren) {
        long[] f = stat(pid);
        if (f == null) {
            return 0;
        }
        return f[1] + f[2] + (withReapedChildren ? f[3] + f[4] : 0);
    }

    /**
     * utime + stime of a process's threads whose name ({@code /proc/PID/task/TID/comm}) {@code named} accepts; 0 when
     * the process is gone.
     */
    static long threadTicks(long pid, java.util.function.Predicate<String> named) {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                long[] f;
                try {
                    f = named.test(Files.readString(task.resolve("comm")).strip()) ? stat(task.resolve("stat")) : null;
                } catch (IOException gone) {
                    f = null; // a thread that ended meanwhile
                }
                if (f != null) {
                    total += f[1] + f[2];
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return total;
    }

    /** A postmaster and its live children, plus the children it already reaped. */
    static long processTreeTicks(long parentPid) {
        long total = processTicks(parentPid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                long pid = Long.parseLong(proc.getFileName().toString());
                long[] f = stat(pid);
                if (f != null && f[0] == parentPid) {
                    total += f[1] + f[2];
                }
            }
        } catch (IOException e) {
            // best effort
        }
        return total;
    }

    /** HotSpot's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre": comm keeps 15 characters). */
    static boolean compilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /**
     * HotSpot's collector threads: G1's and ParallelGC's "GC Thread#N", G1's "G1 Main Marker", "G1 Conc#N",
     * "G1 Refine#N", "G1 Service", and the "VM Thread", which runs SerialGC's collections (and, with the others,
     * little besides: 0.003 core in a replay with G1).
     */
    static boolean collectorThread(String name) {
        return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread");
    }

    /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
    private static long[] stat(long pid) {
        return stat(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    /** The same from a {@code stat} file (a process's, or a thread's under {@code task/}), or null when it is gone. */
    private static long[] stat(Path file) {
        try {
            String line = Files.readString(file);
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** busy and total ticks of all CPUs. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }
}
