/**
 * Using trained networks: {@link dev.unroll.runtime.infer.ModelArtifacts} names and writes the
 * files a trained network ships with (weights, vocabulary, normalisation, model card),
 * {@link dev.unroll.runtime.infer.TrainedModel} loads them from the classpath or a directory and
 * predicts, streams and generates, safely from many threads, and
 * {@link dev.unroll.runtime.infer.Sampler} draws symbols with temperature and top-k.
 */
package dev.unroll.runtime.infer;
