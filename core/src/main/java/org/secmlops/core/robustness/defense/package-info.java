/**
 * Defenses and the security–performance trade-off: input transformations (bit-depth reduction, median filter, JPEG,
 * Gaussian noise) and the feature-squeezing detector around a loaded model, attacked adaptively (BPDA, EOT, the
 * detector-aware objective) and non-adaptively, timed against the undefended model ({@link
 * org.secmlops.core.robustness.defense.DefenseEvaluator}), and the configuration the gates select ({@link
 * org.secmlops.core.robustness.defense.DefenseSelection}).
 */
package org.secmlops.core.robustness.defense;
