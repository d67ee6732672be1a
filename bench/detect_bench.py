"""Detection throughput on one core, over a corpus made by shared/bench/gen_corpus.py.

    python bench/detect_bench.py [--meetings 200] [--repeat 3]

Prints figures only (sizes, MB/s, hits per detector), never detected text.
Times are CPU time of this process (steadier than wall time on a busy machine).
"Detection" is ``detect()`` with every detector of the default policy on
a ``NormalizedText`` the redaction stage has already built for its terms;
the normalisation itself is timed apart. The name detectors ask the
morphological analyser (SudachiPy) about the words next to labels, roles and
honorifics: detection is timed with it (its memo of analysed texts emptied
before each run, as in a cold build; the dictionary itself is loaded before
timing, about 0.1 s once per process) and without it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redaction.detection import detect  # noqa: E402
from redaction.detectors import build_detectors, morphology  # noqa: E402
from redaction.normalize import NormalizedText, normalize  # noqa: E402
from redaction.policy import load_policy  # noqa: E402

GEN_CORPUS = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def make_corpus(meetings: int, out: Path) -> list[str]:
    subprocess.run([sys.executable, str(GEN_CORPUS), "--meetings", str(meetings), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return [p.read_text(encoding="utf-8") for p in sorted(out.glob("*/*.md"))]


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    policy = load_policy()
    detectors = build_detectors(policy)
    allowed = {normalize(a) for a in policy.allow}
    with tempfile.TemporaryDirectory() as tmp:
        raws = make_corpus(args.meetings, Path(tmp) / "content")
    mb = sum(len(r.encode("utf-8")) for r in raws) / 1e6
    texts = [NormalizedText.of(r) for r in raws]
    morphology.words("山本花子")  # the dictionary is loaded once per process, before timing

    def cold(run):
        def again():
            morphology.forget()
            run()
        return again

    normalising = best_of(args.repeat, lambda: [NormalizedText.of(r) for r in raws])
    detecting = best_of(args.repeat, cold(lambda: [detect(detectors, t, policy, allowed) for t in texts]))
    per_detector = {d.name: best_of(args.repeat, cold(lambda d=d: [list(d.analyze(t)) for t in texts])) for d in detectors}
    hits = Counter(h.detector for t in texts for h in detect(detectors, t, policy, allowed))
    morphology.ENABLED = False
    without = best_of(args.repeat, cold(lambda: [detect(detectors, t, policy, allowed) for t in texts]))
    morphology.ENABLED = True
    morphology.forget()
    print(f"corpus: {len(raws)} meetings, {mb:.1f} MB of UTF-8")
    print(f"detection (detect(), {len(detectors)} detectors), analyser on:  {mb / detecting:6.1f} MB/s")
    print(f"detection, analyser off:                          {mb / without:6.1f} MB/s")
    print(f"normalisation (NormalizedText.of):                {mb / normalising:6.1f} MB/s")
    print(f"both, analyser on:                                {mb / (detecting + normalising):6.1f} MB/s")
    print(f"the analyser's cost: {detecting - without:.2f} s of CPU for these {len(raws)} meetings")
    for name, seconds in per_detector.items():
        print(f"  {name:15} {mb / seconds:8.1f} MB/s  {hits[name]:5} hits")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
