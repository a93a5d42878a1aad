#!/usr/bin/env python3
"""Runs a command and prints the CPU time its JVM's threads used, by kind (issue 21: what competes with Spark's tasks for
the cores): the tasks (Spark's executor threads), the JIT compilers (C2, C1), the collector, the driver's main thread,
the session's start, and the rest (Spark's scheduler, listener bus, event log, netty, Hadoop, DuckDB...). Threads are
read from /proc every 0.1 s, so a thread that lives less than that is missed (counted in the process's total only);
the sampling itself costs CPU, so a /usr/bin/time around this script counts more than the JVM used.
With --also PATTERN, also the JVMs whose command line holds PATTERN that run meanwhile but are not the command's
children (a standalone cluster's executors: PATTERN a folder of DWELL_SPARK_DIR), each JVM's threads by kind apart.
With --trace FILE, also writes every sample that changed to FILE ("epoch-seconds pid tid cpu-seconds thread-name" a
line), for bench/thread-window.py, which splits each JVM's CPU by the phases of a Spark event log.
Usage: bench/thread-cpu.py [--also PATTERN] [--trace FILE] COMMAND [ARG...]   (the summary goes to stderr, after the command's output)"""
import os, subprocess, sys, time

TICK = os.sysconf("SC_CLK_TCK")
KINDS = [("tasks", ("Executor task l",)), ("JIT C2", ("C2 CompilerThre",)), ("JIT C1", ("C1 CompilerThre",)),
         ("GC", ("GC Thread", "ParGC", "G1 ", "VM Thread")), ("driver main", ("java", "main")),
         ("session start", ("dwell-spark-ses",))]

def kind(name):
    for k, prefixes in KINDS:
        if name.startswith(prefixes):
            return k
    return "other"

def descendants(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out

def matching(pattern):
    """The processes whose command line holds pattern (not this script, whose own arguments hold it)."""
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit() or int(p) == os.getpid():
            continue
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                if pattern.encode() in f.read():
                    out.append(int(p))
        except OSError:
            pass
    return out

def sample(pids, seen, trace=None):
    now = time.time()
    for p in pids:
        try:
            tids = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tids:
            try:
                with open(f"/proc/{p}/task/{t}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            cpu = (int(fields[11]) + int(fields[12])) / TICK
            if trace and seen.get((p, t), (None, None))[1] != cpu:
                trace.write(f"{now:.3f} {p} {t} {cpu:.2f} {name}\n")
            seen[(p, t)] = (name, cpu)

def summary(seen, label, wall):
    by_kind = {}
    for name, cpu in seen.values():
        by_kind[kind(name)] = by_kind.get(kind(name), 0) + cpu
    total = sum(by_kind.values())
    print(f"{label}: {total:.1f} s over {wall:.1f} s wall (sampled): "
          + ", ".join(f"{k} {v:.1f}" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])), file=sys.stderr)

def main():
    args, also, trace = sys.argv[1:], None, None
    while args[:1] in (["--also"], ["--trace"]):
        if args[0] == "--also":
            also = args[1]
        else:
            trace = open(args[1], "w")
        args = args[2:]
    proc = subprocess.Popen(args)
    seen, start = {}, time.time()
    while proc.poll() is None:
        sample(descendants(proc.pid) + (matching(also) if also else []), seen, trace)
        time.sleep(0.1)
    if trace:
        trace.close()
    wall = time.time() - start
    if also:
        for pid in sorted({p for p, _ in seen}):
            summary({k: v for k, v in seen.items() if k[0] == pid}, f"  process {pid}", wall)
    summary(seen, f"threads' cpu (exit {proc.returncode})", wall)
    others = {}
    for name, cpu in seen.values():
        if kind(name) == "other":
            others[name] = others.get(name, 0) + cpu
    print("  of the rest: " + ", ".join(f"{n} {c:.1f}" for n, c in sorted(others.items(), key=lambda kv: -kv[1])[:8]),
          file=sys.stderr)
    sys.exit(proc.returncode)

if __name__ == "__main__":
    main()
