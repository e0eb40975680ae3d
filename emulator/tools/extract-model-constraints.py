#!/usr/bin/env python3
"""Writes the emulator's bundled model extract from a Secrets Manager service-2.json (for example botocore's
data/secretsmanager/2017-10-17/service-2.json.gz). Only facts are kept: operation input/output/error shape names,
member names, shape types, required members, min/max, patterns, enums, sensitive flags. No documentation.

usage: extract-model-constraints.py <service-2.json[.gz]> <out.json>
"""
import gzip
import json
import sys

KEEP_SHAPE = ("type", "min", "max", "pattern", "enum", "sensitive", "required")


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def main(source, target):
    model = load(source)
    out = {"metadata": {k: model["metadata"][k] for k in ("apiVersion", "protocol", "targetPrefix", "jsonVersion")
                        if k in model["metadata"]},
           "operations": {}, "shapes": {}}
    for name, op in sorted(model["operations"].items()):
        entry = {}
        for key in ("input", "output"):
            if key in op:
                entry[key] = {"shape": op[key]["shape"]}
        entry["errors"] = [{"shape": e["shape"]} for e in op.get("errors", [])]
        out["operations"][name] = entry
    for name, shape in sorted(model["shapes"].items()):
        kept = {k: shape[k] for k in KEEP_SHAPE if k in shape}
        if "members" in shape:
            kept["members"] = {m: {"shape": v["shape"]} for m, v in shape["members"].items()}
        if "member" in shape:
            kept["member"] = {"shape": shape["member"]["shape"]}
        if "key" in shape:
            kept["key"] = {"shape": shape["key"]["shape"]}
            kept["value"] = {"shape": shape["value"]["shape"]}
        out["shapes"][name] = kept
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
