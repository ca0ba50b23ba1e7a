// The consumer's tests used the models from the jar, and so did rnn:predict and rnn:generate.
def report = new File(basedir, 'target/surefire-reports/TEST-consumer.ModelsTest.xml')
assert report.isFile()
def suite = report.text
assert suite =~ /<testsuite [^>]*tests="2"/ && suite =~ /<testsuite [^>]*failures="0"/ && suite =~ /<testsuite [^>]*errors="0"/

def log = new File(basedir, 'build.log').text
def predictions = log.readLines().findAll { it ==~ /\d+\.\d{3}/ }
assert predictions.size() == 2 : "one prediction per input line: $predictions"
predictions.each { assert (it as double) > 50 && (it as double) < 250 }

def lines = log.readLines()
def at = lines.findIndexOf { it.contains('rnn-maven-plugin') && it.contains(':generate') }
assert at >= 0
assert lines.subList(at, lines.size()).any { it.startsWith('the') } : "generated text after the prime"
true
