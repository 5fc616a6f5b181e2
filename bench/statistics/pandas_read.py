#!/usr/bin/python3
"""bench/statistics/pandas_read.py SOURCE [OUT.json]: the pandas engine of
the statistics benchmark (bench/statistics/run.sh). pd.read_csv, with its
defaults (type inference, as an analyst would call it), of every data file
of the release into a DataFrame each, all held at once as an analysis
would hold them. SOURCE is the release zip (the members under data/ are
read from it with zipfile, inflated as pandas reads: no copy on disk) or a
folder of the unpacked files. Writes {file: rows} to OUT.json if given.
Uses Debian's python3-pandas (run with /usr/bin/python3)."""

import glob
import json
import os
import sys
import zipfile

import pandas as pd


def read_zip(path):
    frames = {}
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("data/") and name.endswith(".csv"):
                with archive.open(name) as member:
                    frames[os.path.basename(name)] = pd.read_csv(member)
    return frames


def read_folder(path):
    return {os.path.basename(file): pd.read_csv(file)
            for file in sorted(glob.glob(os.path.join(path, "*.csv")))}


def main(source, out=None):
    frames = read_zip(source) if zipfile.is_zipfile(source) else read_folder(source)
    if not frames:
        sys.exit("pandas_read: no data files in %s" % source)
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({name: len(frame) for name, frame in frames.items()}, handle, indent=1)
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: pandas_read.py SOURCE [OUT.json]")
    sys.exit(main(*sys.argv[1:]))
