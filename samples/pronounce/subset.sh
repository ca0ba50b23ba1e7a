#!/bin/sh
# Draws the sample's training and test words from the CMU Pronouncing Dictionary (data/cmudict),
# deterministically: the first pronunciation of every entry spelt with 3 to 10 letters A-Z only
# (no apostrophes, digits, dots or alternates such as "READ(1)"), lower-cased, stress digits
# stripped from the phonemes (39 ARPAbet phonemes remain), numbered in dictionary order; every 8th
# word trains, every 50th from the 25th tests (the two never meet: test numbers are odd).
set -e
here=$(cd "$(dirname "$0")" && pwd)
dict="$here/../../data/cmudict/cmudict.dict"
words() {
  LC_ALL=C awk 'BEGIN { FS = "  " }
    $1 ~ /^[A-Z]+$/ && length($1) >= 3 && length($1) <= 10 {
      p = $2; gsub(/[0-9]/, "", p); n++; print n "\t" tolower($1) "\t" p }' "$dict"
}
words | awk -F'\t' '$1 % 8 == 0 { print $2 "\t" $3 }' > "$here/model/src/main/data/cmudict-train.tsv"
words | awk -F'\t' '$1 % 50 == 25 { print $2 "\t" $3 }' > "$here/model/src/test/data/cmudict-test.tsv"
wc -l "$here/model/src/main/data/cmudict-train.tsv" "$here/model/src/test/data/cmudict-test.tsv"
