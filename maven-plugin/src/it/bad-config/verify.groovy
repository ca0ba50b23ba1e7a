// A good build, then three bad configurations: each fails with one line naming the model, the
// setting and the fix, and none touches the good build's outputs.
def log = new File(basedir, 'build.log').text
def failure = { String message ->
  def line = log.readLines().find { it.contains('Failed to execute goal dev.unroll:rnn-maven-plugin') && it.contains(message) }
  assert line != null : "no one-line failure with: $message"
  line
}
failure('on project bad-config: Model ForecastNet: data file src/main/data/missing.csv (setting <data>) does not exist; point <data> at a CSV file with a header row')
failure('on project bad-config: No model named Nope (setting -Drnn.models); the project\'s models are ForecastNet; use one of these names')
failure('on project bad-config: Model ForecastNet: <maxMae> is "high", which is not a number; write a decimal number such as 0.85')

assert log.findAll(/Training model ForecastNet/).size() == 1 : "only the first build trained"
def dir = new File(basedir, 'target/classes/demo')
assert new File(dir, 'ForecastNet.safetensors').isFile()
assert new File(dir, 'ForecastNet.normalization.json').isFile()
assert new File(dir, 'ForecastNet.card.json').text.contains('"fingerprint":')
true
