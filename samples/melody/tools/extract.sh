#!/bin/sh
# Rebuilds the melody corpus (model/src/main/data/tunes.txt, model/src/test/data/tunes-test.txt and
# model/src/main/data/CREDITS.txt) from the Ryan's Mammoth Collection ABC files of music21's corpus.
# Run once, after building the app (mvn -pl samples/melody/app -am package -DskipTests), with a
# checkout of music21 (git clone --depth 1 https://github.com/cuthbertLab/music21):
#   samples/melody/tools/extract.sh /path/to/music21
set -eu
here=$(cd "$(dirname "$0")" && pwd)
music21=${1:?usage: extract.sh <music21 checkout>}
java -cp "$here/../app/target/classes" "$here/ExtractTunes.java" "$music21/music21/corpus/ryansMammoth" \
    "$here/../model/src/main/data/tunes.txt" "$here/../model/src/test/data/tunes-test.txt" \
    "$here/../model/src/main/data/CREDITS.txt"
