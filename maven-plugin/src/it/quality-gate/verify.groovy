// The model trained, then rnn:evaluate failed the build naming the figure and the threshold.
def log = new File(basedir, 'build.log').text
assert log.contains('Training model ForecastNet (no trained weights)')
assert log =~ /\[ERROR\] Model ForecastNet: mae \d+\.\d{3} is above maxMae 0\.001/
assert log =~ /Failed to execute goal dev\.unroll:rnn-maven-plugin:[^:]+:evaluate \(default\) on project quality-gate: Model ForecastNet: mae \d+\.\d{3} is above maxMae 0\.001/
assert log.contains('BUILD FAILURE')
// Without .mvn/jvm.config the JVM has no Vector API: training ran on the portable kernels.
assert !log.contains('Using incubator modules')
// The weights stay: a failed gate does not undo training.
assert new File(basedir, 'target/classes/demo/ForecastNet.safetensors').isFile()
true
