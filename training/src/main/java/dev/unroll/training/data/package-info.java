/**
 * Training data: readers for the usual sequence formats (plain text, CSV series, CoNLL/CoNLL-U
 * tagging, labelled lines), vocabularies and normalisation that can be saved next to a model,
 * and datasets that fill a reusable {@link dev.unroll.runtime.Batch} time-major without
 * allocating in steady state.
 *
 * <p>Two shapes of data: a {@link dev.unroll.training.data.SequenceDataset} of independent,
 * padded sequences (classification, tagging, forecasting windows), and a
 * {@link dev.unroll.training.data.StreamDataset}, one long stream cut into parallel streams for
 * truncated back-propagation through time.
 */
package dev.unroll.training.data;
