#!/usr/bin/env bash
# The long mode of the reproducible-jar check (README, "Guarantees"): builds samples twice from
# clean copies of this tree, and compares every jar they produce byte for byte with cmp.
#
#   tools/check-reproducible.sh                     # every sample under samples/ with a model/ project
#   tools/check-reproducible.sh forecast tagger     # these samples only
#
# The two builds differ in everything that must not matter: they run in two fresh copies of the
# tree at different paths (no target/ folders, so each trains from scratch), at different times,
# the first with -Drnn.threads=1 and the second on every core. Tests are skipped (they do not
# change the jars); the model projects still train and package. Prints one line per jar and, for
# a jar that differs, the entries that differ; exits 1 if any jar differs or is missing.
# Environment: KEEP=1 keeps the copies and build logs (they are kept anyway when a check fails);
# MVN_ARGS adds Maven arguments to both builds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

samples=("$@")
if [ ${#samples[@]} -eq 0 ]; then
  for dir in "$root"/samples/*/model; do
    samples+=("$(basename "$(dirname "$dir")")")
  done
fi
modules=()
for sample in "${samples[@]}"; do
  if [ ! -f "$root/samples/$sample/model/pom.xml" ]; then
    echo "no sample named $sample: samples/$sample/model/pom.xml does not exist" >&2
    exit 2
  fi
  for part in model app; do
    [ -f "$root/samples/$sample/$part/pom.xml" ] && modules+=("samples/$sample/$part")
  done
done
module_list="$(IFS=,; echo "${modules[*]}")"

work="$(mktemp -d "${TMPDIR:-/tmp}/unroll-reproducible.XXXXXX")"
echo "Building ${module_list} twice in $work"

# A clean copy of the working tree (uncommitted changes included), without build outputs.
copy_tree() {
  mkdir -p "$1"
  tar -C "$root" --exclude=./.git --exclude='./*/target' --exclude='*/target' -cf - . | tar -C "$1" -xf -
}

build() {
  local name="$1"
  shift
  copy_tree "$work/$name/unroll"
  local started=$SECONDS
  # maven.deploy.skip: the modules' sources and Javadoc jars are skipped with it (root POM), and
  # nothing is deployed by package anyway.
  if ! (cd "$work/$name/unroll" && mvn -B -ntp -DskipTests -Dmaven.deploy.skip=true \
      ${MVN_ARGS:-} "$@" package -pl "$module_list" -am) > "$work/$name.log" 2>&1; then
    echo "build $name failed; its log: $work/$name.log" >&2
    tail -30 "$work/$name.log" >&2
    exit 1
  fi
  echo "build $name ($*): $((SECONDS - started)) s"
}

build first -Drnn.threads=1
build second

# The names of the entries whose bytes differ between two jars.
differing_entries() {
  local a="$1" b="$2" entry
  diff <(unzip -Z1 "$a" | sort) <(unzip -Z1 "$b" | sort) | sed -n 's/^[<>] /  only in one jar: /p'
  while read -r entry; do
    case "$entry" in */) continue ;; esac
    if ! cmp -s <(unzip -p "$a" "$entry") <(unzip -p "$b" "$entry" 2>/dev/null); then
      echo "  entry differs: $entry"
    fi
  done < <(unzip -Z1 "$a")
  # Same contents, different bytes: the entries' times, order or attributes.
  diff <(unzip -Zl "$a" | sed 1d) <(unzip -Zl "$b" | sed 1d) | sed -n 's/^[<>] /  listing: /p' | head -10
}

failed=0
checked=0
for module in "${modules[@]}"; do
  shopt -s nullglob
  jars=("$work/first/unroll/$module"/target/*.jar)
  shopt -u nullglob
  if [ ${#jars[@]} -eq 0 ]; then
    echo "$module: DIFFERENT: the first build made no jar"
    failed=1
    continue
  fi
  for a in "${jars[@]}"; do
    relative="${a#"$work/first/unroll/"}"
    b="$work/second/unroll/$relative"
    checked=$((checked + 1))
    if [ ! -f "$b" ]; then
      echo "$relative: DIFFERENT: the second build made no such jar"
      failed=1
    elif cmp -s "$a" "$b"; then
      echo "$relative: identical ($(wc -c < "$a") bytes, sha256 $(sha256sum "$a" | cut -c1-16))"
    else
      echo "$relative: DIFFERENT ($(cmp "$a" "$b" | head -1))"
      differing_entries "$a" "$b"
      failed=1
    fi
  done
done

if [ "$failed" -ne 0 ]; then
  echo "Not reproducible: the builds and their logs are kept in $work"
  exit 1
fi
echo "Reproducible: $checked jars of ${#samples[@]} samples are byte-identical across the two builds"
if [ "${KEEP:-0}" = 1 ]; then
  echo "Kept in $work"
else
  rm -rf "$work"
fi
