// Five builds: trained, up to date, retrained because the data file changed in place, up to date,
// retrained because -Drnn.learningRate changed a setting.
import java.nio.ByteBuffer
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
def events = []
log.eachLine { line ->
  def trained = line =~ /Training model ForecastNet \((.*)\)$/
  def upToDate = line =~ /Model ForecastNet is up to date \(fingerprint ([0-9a-f]{8})\), skipping/
  if (trained) events << "trained: " + trained[0][1]
  if (upToDate) events << "up to date " + upToDate[0][1]
}
assert events.size() == 5 : events
assert events[0] == 'trained: no trained weights'
assert events[1].startsWith('up to date ')
assert events[2] == 'trained: data changed'
assert events[3].startsWith('up to date ')
assert events[1] != events[3] : "a new fingerprint after the data changed: $events"
assert events[4] == 'trained: settings changed'
assert log.contains('[WARNING] Unknown property rnn.learningrate: no rnn goal reads it; the rnn properties are rnn.alpha, rnn.beam,')

// The weights now in the class output were trained on the changed file: the card's data
// fingerprint is SHA-256 over the file's name, size and bytes (ModelCard.fingerprint).
def data = new File(basedir, 'src/main/data/series.csv')
assert data.text == new File(basedir, 'src/variant/series.csv').text
def sha = MessageDigest.getInstance('SHA-256')
def name = data.name.getBytes('UTF-8')
sha.update(ByteBuffer.allocate(8).putLong(name.length).array())
sha.update(name)
sha.update(ByteBuffer.allocate(8).putLong(data.length()).array())
sha.update(data.bytes)
def expected = sha.digest().encodeHex().toString()
def card = new File(basedir, 'target/classes/demo/ForecastNet.card.json').text
assert card.contains("\"dataFingerprint\":\"$expected\"") : card
true
