#!/usr/bin/env python3
"""A Spark run's timeline from its event log (issue 21): the application's start, each job and stage (start, end, wall),
per stage its tasks' run, CPU, GC, (de)serialization, scheduler delay and result sizes, the largest task against the
mean, the gaps where no job ran (the driver's own work between jobs and after the last one), and each executor's
deserialization (wall and CPU, its first task apart from the later ones).
Usage: bench/spark-timeline.py EVENT_LOG_FILE_OR_DIR [PROCESS_WALL_SECONDS]"""
import glob, json, os, sys

def events(path):
    files = sorted(glob.glob(os.path.join(path, "*"))) if os.path.isdir(path) else [path]
    for f in files:
        for line in open(f):
            yield json.loads(line)

def main():
    path = sys.argv[1]
    wall = float(sys.argv[2]) if len(sys.argv) > 2 else None
    app_start = app_end = None
    jobs, stages, tasks = {}, {}, {}
    for e in events(path):
        kind = e["Event"]
        if kind == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
        elif kind == "SparkListenerJobStart":
            jobs[e["Job ID"]] = {"start": e["Submission Time"], "stages": e["Stage IDs"],
                                 "desc": e.get("Properties", {}).get("spark.job.description", "")}
        elif kind == "SparkListenerJobEnd":
            jobs[e["Job ID"]]["end"] = e["Completion Time"]
        elif kind == "SparkListenerStageCompleted":
            i = e["Stage Info"]
            if i.get("Submission Time"):
                stages[i["Stage ID"]] = {"start": i["Submission Time"], "end": i["Completion Time"], "name": i["Stage Name"],
                                         "tasks": i["Number of Tasks"]}
        elif kind == "SparkListenerTaskEnd":
            tasks.setdefault(e["Stage ID"], []).append(e)
    t0 = app_start
    ms = lambda t: (t - t0) / 1000
    print(f"application start 0.0 s" + (f" (process wall {wall:.1f} s: ~{wall - ms(app_end):.1f} s before/after the application)"
                                          if wall and app_end else ""))
    total = {"cpu": 0, "run": 0, "gc": 0, "deser": 0, "ser": 0, "delay": 0, "result": 0}
    last = t0
    for jid in sorted(jobs):
        j = jobs[jid]
        gap = (j["start"] - last) / 1000
        print(f"[{ms(j['start']):7.1f} {ms(j.get('end', j['start'])):7.1f}] job {jid} {(j.get('end', j['start']) - j['start']) / 1000:6.1f} s"
              f"  (driver gap before: {gap:5.1f} s)  {j['desc']}")
        last = max(last, j.get("end", j["start"]))
        for sid in sorted(j["stages"]):
            s = stages.get(sid)
            if not s:
                continue
            ts = tasks.get(sid, [])
            m = [t.get("Task Metrics", {}) for t in ts]
            run = [x.get("Executor Run Time", 0) for x in m]
            cpu = sum(x.get("Executor CPU Time", 0) for x in m) / 1e9
            gc = sum(x.get("JVM GC Time", 0) for x in m) / 1000
            deser = sum(x.get("Executor Deserialize Time", 0) for x in m) / 1000
            ser = sum(x.get("Result Serialization Time", 0) for x in m) / 1000
            result = sum(x.get("Result Size", 0) for x in m)
            delay = 0
            for t, x in zip(ts, m):
                i = t["Task Info"]
                d = (i["Finish Time"] - i["Launch Time"]) - x.get("Executor Run Time", 0) - x.get("Executor Deserialize Time", 0) \
                    - x.get("Result Serialization Time", 0) - i.get("Getting Result Time", 0)
                delay += max(d, 0)
            mean = sum(run) / len(run) if run else 0
            tail = 0
            if ts:
                finishes = sorted(t["Task Info"]["Finish Time"] for t in ts)
                tail = (finishes[-1] - finishes[-2]) / 1000 if len(finishes) > 1 else 0
            for k, v in (("cpu", cpu), ("run", sum(run) / 1000), ("gc", gc), ("deser", deser), ("ser", ser),
                         ("delay", delay / 1000), ("result", result)):
                total[k] += v
            print(f"      stage {sid:3} {ms(s['start']):7.1f}-{ms(s['end']):7.1f} {len(ts):4} tasks  run {sum(run) / 1000:6.1f} s"
                  f"  cpu {cpu:6.1f}  gc {gc:5.1f}  deser {deser:4.1f}  ser {ser:4.1f}  sched {delay / 1000:4.1f}"
                  f"  result {result / 1024:8.1f} KB  max/mean {max(run) / mean if mean else 0:4.2f}"
                  f"  last alone {tail:5.1f} s  {s['name'][:40]}")
    if app_end:
        print(f"after the last job: {(app_end - last) / 1000:.1f} s; application {ms(app_end):.1f} s")
    # Spark's "deserialize" is wall time from the task's arrival to its function's start (the task binary's broadcast
    # fetched from the driver, the closure deserialized, an executor's first classes): its CPU beside it tells the
    # waiting from the work, and an executor's first task (cold) from its later ones
    by_executor = {}
    for t in sorted((t for ts in tasks.values() for t in ts), key=lambda t: t["Task Info"]["Launch Time"]):
        m = t.get("Task Metrics", {})
        d = by_executor.setdefault(t["Task Info"]["Executor ID"], [])
        d.append((m.get("Executor Deserialize Time", 0) / 1000, m.get("Executor Deserialize CPU Time", 0) / 1e9))
    print("deserialize (wall/cpu s) by executor: " + "; ".join(
        f"{ex}: first task {d[0][0]:.2f}/{d[0][1]:.2f}, {len(d) - 1} later {sum(x[0] for x in d[1:]):.2f}/{sum(x[1] for x in d[1:]):.2f}"
        for ex, d in sorted(by_executor.items())))
    print(f"tasks: run {total['run']:.1f} s, cpu {total['cpu']:.1f} s, gc {total['gc']:.1f} s, deserialize {total['deser']:.1f} s,"
          f" result serialization {total['ser']:.1f} s, scheduler delay {total['delay']:.1f} s, results {total['result'] / 1048576:.2f} MB")
    first = min((j["start"] for j in jobs.values()), default=t0)
    # jobs may overlap (the index's distinct values are counted beside the pivot's rounds): their union's length
    busy, reach = 0, t0
    for start, end in sorted((j["start"], j.get("end", j["start"])) for j in jobs.values()):
        busy += max(0, end - max(start, reach))
        reach = max(reach, end)
    busy /= 1000
    alone = f"{ms(app_end) - busy:.1f} s" if app_end else "(the application has not ended)"
    # what follows the hunt (the first job): the parts' collection, the index's summary, the pivot's jobs, and the gaps
    after = ""
    if jobs:
        hunt = jobs[min(jobs)]
        rest = [j for jid, j in jobs.items() if jid != min(jobs)]
        done = max((j.get("end", j["start"]) for j in jobs.values()))
        run = sum(1 for j in rest for sid in j["stages"] if sid in stages)
        after = f"; after the hunt's job {(done - hunt.get('end', hunt['start'])) / 1000:.1f} s to the last job's end ({len(rest)} jobs, {run} stages run)"
    print(f"first job at {ms(first):.1f} s; jobs' wall {busy:.1f} s; driver alone between application start and end: {alone}{after}")

main()
