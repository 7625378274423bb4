/**
 * The model-file security scanner: finds content in model files that runs code, touches files or
 * reaches the network when a model is loaded, without executing or deserializing anything.
 *
 * <p>Entry point: {@link org.secmlops.core.scan.ModelScanner}, configured by
 * {@link org.secmlops.core.scan.ScanPolicy} and {@link org.secmlops.core.scan.ScanLimits}, returning a
 * {@link org.secmlops.core.capability.scan.ScanReport} of {@link org.secmlops.core.capability.scan.ScanFinding}s.
 */
package org.secmlops.core.scan;

import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
