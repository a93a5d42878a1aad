#!/usr/bin/env python3
"""The Spark runs after the hunt, side by side (issue 21): for each results folder bench/spark.sh left (copy
bench/data/spark-results away between runs), per Spark run: the load before it, its wall and CPU time (the process's
user+sys; on a cluster plus the executors' tasks), the tail from the hunt's job's end to the last job's end and to the
application's end, the jobs in it and their tasks' CPU, and whether findings.jsonl is the local engine's.
Usage: bench/spark-tail.py RESULTS_DIR [RESULTS_DIR...]      (each a copy of bench/data/spark-results)"""
import glob, json, os, sys

RUNS = ["local1", "local2", "cluster1", "cluster"]


def tail(events_dir):
    """(seconds from the hunt's job's end to the last job's end and to the application's end, jobs after the hunt's,
    stages run, their tasks' CPU s, all tasks' CPU s)."""
    jobs, stage_job, cpu_by_stage, run_stages, app_end = {}, {}, {}, set(), None
    for f in glob.glob(os.path.join(events_dir, "*")):
        for line in open(f):
            e = json.loads(line)
            k = e["Event"]
            if k == "SparkListenerJobStart":
                jobs[e["Job ID"]] = [e["Submission Time"], None]
                for s in e["Stage IDs"]:
                    stage_job[s] = e["Job ID"]
            elif k == "SparkListenerJobEnd":
                jobs[e["Job ID"]][1] = e["Completion Time"]
            elif k == "SparkListenerApplicationEnd":
                app_end = e["Timestamp"]
            elif k == "SparkListenerTaskEnd":
                s = e["Stage ID"]
                run_stages.add(s)
                cpu_by_stage[s] = cpu_by_stage.get(s, 0) + e.get("Task Metrics", {}).get("Executor CPU Time", 0) / 1e9
    hunt = min(jobs)
    after = [j for j in jobs if j != hunt]
    end = max(v[1] or v[0] for v in jobs.values())
    stages = [s for s in run_stages if stage_job.get(s) != hunt]
    return ((end - jobs[hunt][1]) / 1000, ((app_end or end) - jobs[hunt][1]) / 1000, len(after), len(stages),
            sum(cpu_by_stage[s] for s in stages), sum(cpu_by_stage.values()))


def main():
    dirs = sys.argv[1:]
    if not dirs:
        sys.exit(__doc__)
    print(f"{'':10}" + "".join(f"{os.path.basename(d.rstrip('/')):>46}" for d in dirs))
    ref = {d: open(os.path.join(d, "out-local", "findings.jsonl"), "rb").read() for d in dirs}
    for name in ["local"] + RUNS:
        cells = []
        for d in dirs:
            w, u, s = map(float, open(os.path.join(d, f"time-{name}")).read().split()[-3:])
            load = open(os.path.join(d, f"load-{name}")).read().strip()
            if name == "local":
                cells.append(f"{w:6.1f} s {u + s:5.1f} cpu (load {load})")
                continue
            t, to_end, jobs, stages, tcpu, allcpu = tail(os.path.join(d, "events", name))
            cpu = u + s + (allcpu if name.startswith("cluster") else 0)
            out = os.path.join(d, f"out-{name}", "findings.jsonl")
            same = os.path.exists(out) and open(out, "rb").read() == ref[d]
            cells.append(f"{w:6.1f} s {cpu:5.1f} cpu (load {load}){'' if same else ' DIFFERENT'}")
            cells.append(f"tail {t:4.1f} s, to end {to_end:4.1f} s, {jobs} jobs, {tcpu:4.2f} cpu")
        if name == "local":
            print(f"{name:10}" + "".join(f"{c:>46}" for c in cells))
        else:
            print(f"{name:10}" + "".join(f"{c:>46}" for c in cells[0::2]))
            print(f"{'':10}" + "".join(f"{c:>46}" for c in cells[1::2]))
    for d in dirs:
        wall = lambda n: float(open(os.path.join(d, f"time-{n}")).read().split()[-3])
        print(f"{os.path.basename(d.rstrip('/'))}: scaling local[1] -> local[2] {wall('local1') / wall('local2'):.2f}x,"
              f" 1 -> 2 workers {wall('cluster1') / wall('cluster'):.2f}x")


main()
