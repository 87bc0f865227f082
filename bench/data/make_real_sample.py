"""Copy the redistributable sample of real prompts used by the throughput benchmark.

    python bench/data/make_real_sample.py [--source ../shared/data/prompts_real]

Takes a fixed random sample (random.Random(20)) from three folders of the team's collection
of real prompts: `awesome_chatgpt_prompts` (CC0-1.0), `arena_hard` (Apache-2.0) and
`dlp_sensitive_data_benchmark` (MIT). Only these three may be redistributed; the other
folders of that collection (`i2p_lexica_sd`, `sharegpt_first_turns`) are for development
use only and are never copied here. Writes `bench/data/real_prompts.jsonl` (one
{"id", "source", "text"} per line) and copies each folder's SOURCE.md under
`bench/data/real_sources/` (attribution: repository, commit, licence, sampling).
The prompts are unlabelled: they count for speed and false alarms, not for recall.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: folder -> how many prompts to keep (about 1.2 MB in all).
SAMPLE = {"awesome_chatgpt_prompts": 500, "arena_hard": 600, "dlp_sensitive_data_benchmark": 900}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = HERE.parents[2] / "shared/data/prompts_real"
    parser.add_argument("--source", type=Path, default=default)
    args = parser.parse_args()
    rng = random.Random(20)
    rows: list[dict] = []
    (HERE / "real_sources").mkdir(exist_ok=True)
    for folder, count in SAMPLE.items():
        lines = (args.source / folder / "prompts.jsonl").read_text(encoding="utf-8").split("\n")
        prompts = [json.loads(line) for line in lines if line.strip()]
        for prompt in sorted(rng.sample(prompts, min(count, len(prompts))), key=lambda p: p["id"]):
            rows.append({"id": prompt["id"], "source": folder, "text": prompt["text"]})
        shutil.copyfile(args.source / folder / "SOURCE.md", HERE / "real_sources" / f"{folder}.md")
    with (HERE / "real_prompts.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} prompts -> {HERE / 'real_prompts.jsonl'}")


if __name__ == "__main__":
    main()
