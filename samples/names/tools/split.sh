#!/bin/sh
# Rebuilds the names sample's data (model/src/main/data/names*.tsv, model/src/test/data/names-test*.tsv)
# from the lists in data/first-names. Run from anywhere: samples/names/tools/split.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
java "$here/SplitNames.java" "$here/../../../data/first-names" "$here/../model/src/main/data" "$here/../model/src/test/data"
