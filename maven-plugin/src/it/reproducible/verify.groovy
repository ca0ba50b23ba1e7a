// Four clean builds trained and packaged the same two models: build-1 and build-2 on 1 thread,
// build-3 on 2 and build-4 on 3. The weights must be the same bits on every thread count, and
// every jar the same bytes (entry times fixed by project.build.outputTimestamp, card extras in a
// fixed order, nothing in a jar that records a time, a duration, a path or a thread count).
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text

// Each build trained from scratch, on the thread count it was given.
for (model in ['SeriesNet', 'WordsNet']) {
  assert log.count("Training model $model (no trained weights)") == 4 : "every build trains $model\n$log"
  for (n in 1..3) {
    assert log =~ /$model: \d+ epochs of \d+ batches \(batch \d+, [^)]*, $n threads?\)/ : "a run of $model on $n threads"
  }
}

def jars = (1..4).collect { new File(basedir, "build-$it/reproducible-1.0.jar") }
jars.each { assert it.isFile() : "no jar $it" }

/** Every entry's bytes by name, in the jar's order. */
def entries = { File f ->
  new JarFile(f).withCloseable { j ->
    j.entries().toList().collectEntries { e -> [(e.name): j.getInputStream(e).bytes] }
  }
}
def first = entries(jars[0])
for (f in ['demo/SeriesNet.class', 'demo/SeriesNet.safetensors', 'demo/SeriesNet.normalization.json',
           'demo/SeriesNet.card.json', 'demo/WordsNet.safetensors', 'demo/WordsNet.vocab.json',
           'demo/WordsNet.card.json', 'META-INF/unroll/models']) {
  assert first.containsKey(f) : "the jar lacks $f; it has ${first.keySet()}"
}

def threadsOf = ['1 thread', '1 thread, built again', '2 threads', '3 threads']
for (i in 1..3) {
  def other = entries(jars[i])
  // The weights first, for a precise message: the thread count must change no bit.
  for (weights in ['demo/SeriesNet.safetensors', 'demo/WordsNet.safetensors']) {
    assert Arrays.equals(first[weights], other[weights]) :
        "$weights trained on ${threadsOf[i]} differs from the one trained on ${threadsOf[0]}"
  }
  def differing = (first.keySet() + other.keySet()).findAll { !Arrays.equals(first[it], other[it]) }
  assert differing.isEmpty() : "build-${i + 1} (${threadsOf[i]}) differs from build-1 in $differing"
  assert Arrays.equals(jars[0].bytes, jars[i].bytes) :
      "build-${i + 1}'s jar has the same entries as build-1's but other bytes (entry times or order)"
}
true
