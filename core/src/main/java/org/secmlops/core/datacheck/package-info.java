/**
 * Training-data poisoning and integrity checks (capability {@code data}): label issues by confident learning and
 * kNN disagreement, backdoors by spectral signatures, activation clustering and targeted relabelling, duplicates
 * and conflicts, outliers, class balance, per-feature drift against a reference, and per-sample SHA-256 manifests.
 * Start at {@link org.secmlops.core.datacheck.DataCheck} and {@link org.secmlops.core.capability.datacheck.DataCheckCapability}.
 */
package org.secmlops.core.datacheck;

import org.secmlops.core.capability.datacheck.DataCheckCapability;
