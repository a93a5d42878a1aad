#!/usr/bin/env python3
"""Splits each JVM's CPU by thread kind over the phases of a Spark run (issue 21: what runs beside the hunt's tasks).
Reads a bench/thread-cpu.py --trace file and the run's Spark event log: the phases are before the application's start,
from it to the hunt's first task, the hunt (its first task's launch to its last task's end), and after it. A JVM is
the driver when it runs the session's start thread, an executor when it runs task threads.
Usage: bench/thread-window.py TRACE EVENT_LOG_DIR"""
import glob, json, os, sys
from importlib.util import module_from_spec, spec_from_file_location

spec = spec_from_file_location("thread_cpu", os.path.join(os.path.dirname(os.path.abspath(__file__)), "thread-cpu.py"))
thread_cpu = module_from_spec(spec)
spec.loader.exec_module(thread_cpu)

def phases(events):
    """The phase boundaries (epoch seconds) from the event log: application start, the hunt's first launch, its end."""
    app = launch = end = None
    for f in glob.glob(os.path.join(events, "*")):
        for line in open(f):
            e = json.loads(line)
            if e.get("Event") == "SparkListenerApplicationStart":
                app = e["Timestamp"] / 1000
            elif e.get("Event") == "SparkListenerTaskEnd" and e["Stage ID"] == 0:
                info = e["Task Info"]
                launch = min(launch or info["Launch Time"], info["Launch Time"])
                end = max(end or info["Finish Time"], info["Finish Time"])
    return [("before the application", 0), ("to the hunt's first task", app), ("the hunt's tasks", launch / 1000),
            ("after the hunt", end / 1000)]

def main():
    trace, events = sys.argv[1:3]
    bounds = phases(events)
    # cumulative CPU of each thread at each phase's start: its last sample before the boundary
    threads = {}
    for line in open(trace):
        t, pid, tid, cpu, name = line.rstrip("\n").split(" ", 4)
        threads.setdefault((pid, tid), []).append((float(t), float(cpu), name))
    per_jvm = {}
    for (pid, _), samples in threads.items():
        name = samples[-1][2]
        cuts = [next((c for t, c, _ in reversed(samples) if t < b), 0.0) for _, b in bounds[1:]] + [samples[-1][1]]
        spent = [b - a for a, b in zip([0.0] + cuts, cuts)]
        jvm = per_jvm.setdefault(pid, {})
        for (phase, _), cpu in zip(bounds, spent):
            jvm.setdefault(phase, {})
            jvm[phase][thread_cpu.kind(name)] = jvm[phase].get(thread_cpu.kind(name), 0) + cpu
    hunt = bounds[3][1] - bounds[2][1]
    print(f"the hunt's tasks from {bounds[2][1] - bounds[1][1]:.1f} s after the application's start, for {hunt:.1f} s")
    for pid, jvm in sorted(per_jvm.items()):
        kinds = {k for phase in jvm.values() for k in phase}
        role = "driver" if "session start" in kinds else "executor" if "tasks" in kinds else "other"
        for phase, _ in bounds:
            cpu = jvm.get(phase, {})
            if sum(cpu.values()) < 0.05:
                continue
            print(f"  {role} {pid:<7} {phase:<26} {sum(cpu.values()):5.1f} CPU-s: "
                  + ", ".join(f"{k} {v:.1f}" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1]) if v >= 0.05))

if __name__ == "__main__":
    main()
