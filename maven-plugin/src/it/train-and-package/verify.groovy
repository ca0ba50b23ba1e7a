// The build trained both models, logged progress and a summary, wrote reports, passed the gates,
// and packaged the trained artifacts beside the classes in the jar.
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text

def jar = new File(basedir, 'target/models-1.0.jar')
assert jar.isFile() : "no jar"
def names = new JarFile(jar).withCloseable { j -> j.entries().collect { it.name } }
for (f in ['META-INF/unroll/models', 'demo/CharModelNet.class', 'demo/CharModelNet.safetensors',
           'demo/CharModelNet.vocab.json', 'demo/CharModelNet.card.json', 'demo/ForecastNet.class',
           'demo/ForecastNet.safetensors', 'demo/ForecastNet.normalization.json', 'demo/ForecastNet.card.json']) {
  assert names.contains(f) : "the jar lacks $f; it has $names"
}

// .mvn/jvm.config is empty, as in a project that never heard of the Vector API: the goals fork a
// JVM that has it, and say so.
assert log.contains('rnn:train runs in a forked JVM with --add-modules jdk.incubator.vector (Maven\'s JVM lacks it')
assert log.contains('rnn:train runs the models on the vector (Vector API) kernels')
assert log.contains('rnn:evaluate runs the models on the vector (Vector API) kernels')
assert !log.contains('portable kernels')

assert log.contains('Training model CharModelNet (no trained weights)')
assert log.contains('Training model ForecastNet (no trained weights)')
assert log =~ /CharModelNet: epoch 2\/2  loss \d+\.\d{4}  val_loss \d+\.\d{4}  val_accuracy 0\.\d{3}  val_bits\/symbol \d+\.\d{3}  [\d,]+ tokens\/s  elapsed \d+:\d\d  left \d+:\d\d/
assert log =~ /ForecastNet: epoch 2\/2  loss \d+\.\d{4}  val_loss \d+\.\d{4}  val_mae \d+\.\d{3}  [\d,]+ samples\/s/
assert log =~ /Model +Epochs +Val loss +Accuracy \/ MAE +Time +Status/
assert log =~ /CharModelNet +2\/2 +\d+\.\d{3} +accuracy 0\.\d{3} +\d+:\d\d +trained \(no trained weights\)/
assert log =~ /CharModelNet: report file:\/.*\/target\/rnn-reports\/CharModelNet\.html/

def report = new File(basedir, 'target/rnn-reports/CharModelNet.html').text
assert report.contains('<svg') && report.contains('Loss per epoch') && report.contains('Validation accuracy per epoch')

assert log =~ /Model CharModelNet on test data src\/test\/data\/tiny\.txt \(text, \d+ characters\): loss \d+\.\d{3}, accuracy/
assert log.contains('Model CharModelNet passes its quality gate (minAccuracy 0.050)')
assert log.contains('Model ForecastNet passes its quality gate (maxMae 500.000)')
assert log =~ /Model ForecastNet against the baselines: last value mae \d+\.\d{3} \(model \d+\.\d{3}/
assert log =~ /Model CharModelNet against the baselines: unigram bits per symbol \d+\.\d{3}/
assert report.contains('Evaluation (rnn:evaluate)')

// The checkpoint of a finished run is gone; the staged copy stays.
assert !new File(basedir, 'target/rnn/CharModelNet/checkpoint.ckpt').exists()
assert new File(basedir, 'target/rnn/CharModelNet/CharModelNet.card.json').isFile()
true
