#!/usr/bin/env python3
"""Runs a command and prints the CPU time its JVM's threads used, by kind (issue 21: what competes with Spark's tasks for
the cores): the tasks (Spark's executor threads), the JIT compilers (C2, C1), the collector, the driver's main thread,
the session's start, and the rest (Spark's scheduler, listener bus, event log, netty, Hadoop, DuckDB...). Threads are
read from /proc every 0.1 s, so a thread that lives less than that is missed (counted in the process's total only);
the sampling itself costs CPU, so a /usr/bin/time around this script counts more than the JVM used.
Usage: bench/thread-cpu.py COMMAND [ARG...]      (the summary goes to stderr, after the command's own output)"""
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

def sample(pid, seen):
    for p in descendants(pid):
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
            seen[(p, t)] = (name, (int(fields[11]) + int(fields[12])) / TICK)

def main():
    proc = subprocess.Popen(sys.argv[1:])
    seen, start = {}, time.time()
    while proc.poll() is None:
        sample(proc.pid, seen)
        time.sleep(0.1)
    wall = time.time() - start
    by_kind = {}
    for name, cpu in seen.values():
        by_kind[kind(name)] = by_kind.get(kind(name), 0) + cpu
    total = sum(by_kind.values())
    print(f"threads' cpu: {total:.1f} s over {wall:.1f} s wall (sampled; exit {proc.returncode}): "
          + ", ".join(f"{k} {v:.1f}" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])), file=sys.stderr)
    others = {}
    for name, cpu in seen.values():
        if kind(name) == "other":
            others[name] = others.get(name, 0) + cpu
    print("  of the rest: " + ", ".join(f"{n} {c:.1f}" for n, c in sorted(others.items(), key=lambda kv: -kv[1])[:8]),
          file=sys.stderr)
    sys.exit(proc.returncode)

if __name__ == "__main__":
    main()
